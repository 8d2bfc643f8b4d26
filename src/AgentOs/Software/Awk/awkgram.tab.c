/* A Bison parser, made by GNU Bison 3.8.2.  */

/* Bison implementation for Yacc-like parsers in C

   Copyright (C) 1984, 1989-1990, 2000-2015, 2018-2021 Free Software Foundation,
   Inc.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.

   This program is distributed in the hope that it will be useful,
   but WITHOUT ANY WARRANTY; without even the implied warranty of
   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
   GNU General Public License for more details.

   You should have received a copy of the GNU General Public License
   along with this program.  If not, see <https://www.gnu.org/licenses/>.  */

/* As a special exception, you may create a larger work that contains
   part or all of the Bison parser skeleton and distribute that work
   under terms of your choice, so long as that work isn't itself a
   parser generator using the skeleton or a modified version thereof
   as a parser skeleton.  Alternatively, if you modify or redistribute
   the parser skeleton itself, you may (at your option) remove this
   special exception, which will cause the skeleton and the resulting
   Bison output files to be licensed under the GNU General Public
   License without this special exception.

   This special exception was added by the Free Software Foundation in
   version 2.2 of Bison.  */

/* C LALR(1) parser skeleton written by Richard Stallman, by
   simplifying the original so-called "semantic" parser.  */

/* DO NOT RELY ON FEATURES THAT ARE NOT DOCUMENTED in the manual,
   especially those whose name start with YY_ or yy_.  They are
   private implementation details that can be changed or removed.  */

/* All symbols defined below should begin with yy or YY, to avoid
   infringing on user name space.  This should be done even for local
   variables, as they might otherwise be expanded by user macros.
   There are some unavoidable exceptions within include files to
   define necessary library symbols; they are noted "INFRINGES ON
   USER NAME SPACE" below.  */

/* Identify Bison output, and Bison version.  */
#define YYBISON 30802

/* Bison version string.  */
#define YYBISON_VERSION "3.8.2"

/* Skeleton name.  */
#define YYSKELETON_NAME "yacc.c"

/* Pure parsers.  */
#define YYPURE 0

/* Push parsers.  */
#define YYPUSH 0

/* Pull parsers.  */
#define YYPULL 1




/* First part of user prologue.  */
#line 25 "awkgram.y"

#include <stdio.h>
#include <string.h>
#include "awk.h"

void checkdup(Node *list, Cell *item);
int yywrap(void) { return(1); }

Node	*beginloc = 0;
Node	*endloc = 0;
bool	infunc	= false;	/* = true if in arglist or body of func */
int	inloop	= 0;	/* >= 1 if in while, for, do; can't be bool, since loops can next */
char	*curfname = 0;	/* current function name */
Node	*arglist = 0;	/* list of args for current function */

#line 87 "awkgram.tab.c"

# ifndef YY_CAST
#  ifdef __cplusplus
#   define YY_CAST(Type, Val) static_cast<Type> (Val)
#   define YY_REINTERPRET_CAST(Type, Val) reinterpret_cast<Type> (Val)
#  else
#   define YY_CAST(Type, Val) ((Type) (Val))
#   define YY_REINTERPRET_CAST(Type, Val) ((Type) (Val))
#  endif
# endif
# ifndef YY_NULLPTR
#  if defined __cplusplus
#   if 201103L <= __cplusplus
#    define YY_NULLPTR nullptr
#   else
#    define YY_NULLPTR 0
#   endif
#  else
#   define YY_NULLPTR ((void*)0)
#  endif
# endif

#include "awkgram.tab.h"
/* Symbol kind.  */
enum yysymbol_kind_t
{
  YYSYMBOL_YYEMPTY = -2,
  YYSYMBOL_YYEOF = 0,                      /* "end of file"  */
  YYSYMBOL_YYerror = 1,                    /* error  */
  YYSYMBOL_YYUNDEF = 2,                    /* "invalid token"  */
  YYSYMBOL_FIRSTTOKEN = 3,                 /* FIRSTTOKEN  */
  YYSYMBOL_PROGRAM = 4,                    /* PROGRAM  */
  YYSYMBOL_PASTAT = 5,                     /* PASTAT  */
  YYSYMBOL_PASTAT2 = 6,                    /* PASTAT2  */
  YYSYMBOL_XBEGIN = 7,                     /* XBEGIN  */
  YYSYMBOL_XEND = 8,                       /* XEND  */
  YYSYMBOL_NL = 9,                         /* NL  */
  YYSYMBOL_10_ = 10,                       /* ','  */
  YYSYMBOL_11_ = 11,                       /* '{'  */
  YYSYMBOL_12_ = 12,                       /* '('  */
  YYSYMBOL_13_ = 13,                       /* '|'  */
  YYSYMBOL_14_ = 14,                       /* ';'  */
  YYSYMBOL_15_ = 15,                       /* '/'  */
  YYSYMBOL_16_ = 16,                       /* ')'  */
  YYSYMBOL_17_ = 17,                       /* '}'  */
  YYSYMBOL_18_ = 18,                       /* '['  */
  YYSYMBOL_19_ = 19,                       /* ']'  */
  YYSYMBOL_ARRAY = 20,                     /* ARRAY  */
  YYSYMBOL_MATCH = 21,                     /* MATCH  */
  YYSYMBOL_NOTMATCH = 22,                  /* NOTMATCH  */
  YYSYMBOL_MATCHOP = 23,                   /* MATCHOP  */
  YYSYMBOL_FINAL = 24,                     /* FINAL  */
  YYSYMBOL_DOT = 25,                       /* DOT  */
  YYSYMBOL_ALL = 26,                       /* ALL  */
  YYSYMBOL_CCL = 27,                       /* CCL  */
  YYSYMBOL_NCCL = 28,                      /* NCCL  */
  YYSYMBOL_CHAR = 29,                      /* CHAR  */
  YYSYMBOL_OR = 30,                        /* OR  */
  YYSYMBOL_STAR = 31,                      /* STAR  */
  YYSYMBOL_QUEST = 32,                     /* QUEST  */
  YYSYMBOL_PLUS = 33,                      /* PLUS  */
  YYSYMBOL_EMPTYRE = 34,                   /* EMPTYRE  */
  YYSYMBOL_ZERO = 35,                      /* ZERO  */
  YYSYMBOL_AND = 36,                       /* AND  */
  YYSYMBOL_BOR = 37,                       /* BOR  */
  YYSYMBOL_APPEND = 38,                    /* APPEND  */
  YYSYMBOL_EQ = 39,                        /* EQ  */
  YYSYMBOL_GE = 40,                        /* GE  */
  YYSYMBOL_GT = 41,                        /* GT  */
  YYSYMBOL_LE = 42,                        /* LE  */
  YYSYMBOL_LT = 43,                        /* LT  */
  YYSYMBOL_NE = 44,                        /* NE  */
  YYSYMBOL_IN = 45,                        /* IN  */
  YYSYMBOL_ARG = 46,                       /* ARG  */
  YYSYMBOL_BLTIN = 47,                     /* BLTIN  */
  YYSYMBOL_BREAK = 48,                     /* BREAK  */
  YYSYMBOL_CLOSE = 49,                     /* CLOSE  */
  YYSYMBOL_CONTINUE = 50,                  /* CONTINUE  */
  YYSYMBOL_DELETE = 51,                    /* DELETE  */
  YYSYMBOL_DO = 52,                        /* DO  */
  YYSYMBOL_EXIT = 53,                      /* EXIT  */
  YYSYMBOL_FOR = 54,                       /* FOR  */
  YYSYMBOL_FUNC = 55,                      /* FUNC  */
  YYSYMBOL_SUB = 56,                       /* SUB  */
  YYSYMBOL_GSUB = 57,                      /* GSUB  */
  YYSYMBOL_IF = 58,                        /* IF  */
  YYSYMBOL_INDEX = 59,                     /* INDEX  */
  YYSYMBOL_LSUBSTR = 60,                   /* LSUBSTR  */
  YYSYMBOL_MATCHFCN = 61,                  /* MATCHFCN  */
  YYSYMBOL_NEXT = 62,                      /* NEXT  */
  YYSYMBOL_NEXTFILE = 63,                  /* NEXTFILE  */
  YYSYMBOL_ADD = 64,                       /* ADD  */
  YYSYMBOL_MINUS = 65,                     /* MINUS  */
  YYSYMBOL_MULT = 66,                      /* MULT  */
  YYSYMBOL_DIVIDE = 67,                    /* DIVIDE  */
  YYSYMBOL_MOD = 68,                       /* MOD  */
  YYSYMBOL_ASSIGN = 69,                    /* ASSIGN  */
  YYSYMBOL_ASGNOP = 70,                    /* ASGNOP  */
  YYSYMBOL_ADDEQ = 71,                     /* ADDEQ  */
  YYSYMBOL_SUBEQ = 72,                     /* SUBEQ  */
  YYSYMBOL_MULTEQ = 73,                    /* MULTEQ  */
  YYSYMBOL_DIVEQ = 74,                     /* DIVEQ  */
  YYSYMBOL_MODEQ = 75,                     /* MODEQ  */
  YYSYMBOL_POWEQ = 76,                     /* POWEQ  */
  YYSYMBOL_PRINT = 77,                     /* PRINT  */
  YYSYMBOL_PRINTF = 78,                    /* PRINTF  */
  YYSYMBOL_SPRINTF = 79,                   /* SPRINTF  */
  YYSYMBOL_ELSE = 80,                      /* ELSE  */
  YYSYMBOL_INTEST = 81,                    /* INTEST  */
  YYSYMBOL_CONDEXPR = 82,                  /* CONDEXPR  */
  YYSYMBOL_POSTINCR = 83,                  /* POSTINCR  */
  YYSYMBOL_PREINCR = 84,                   /* PREINCR  */
  YYSYMBOL_POSTDECR = 85,                  /* POSTDECR  */
  YYSYMBOL_PREDECR = 86,                   /* PREDECR  */
  YYSYMBOL_VAR = 87,                       /* VAR  */
  YYSYMBOL_IVAR = 88,                      /* IVAR  */
  YYSYMBOL_VARNF = 89,                     /* VARNF  */
  YYSYMBOL_CALL = 90,                      /* CALL  */
  YYSYMBOL_NUMBER = 91,                    /* NUMBER  */
  YYSYMBOL_STRING = 92,                    /* STRING  */
  YYSYMBOL_REGEXPR = 93,                   /* REGEXPR  */
  YYSYMBOL_94_ = 94,                       /* '?'  */
  YYSYMBOL_95_ = 95,                       /* ':'  */
  YYSYMBOL_GETLINE = 96,                   /* GETLINE  */
  YYSYMBOL_RETURN = 97,                    /* RETURN  */
  YYSYMBOL_SPLIT = 98,                     /* SPLIT  */
  YYSYMBOL_SUBSTR = 99,                    /* SUBSTR  */
  YYSYMBOL_WHILE = 100,                    /* WHILE  */
  YYSYMBOL_CAT = 101,                      /* CAT  */
  YYSYMBOL_102_ = 102,                     /* '+'  */
  YYSYMBOL_103_ = 103,                     /* '-'  */
  YYSYMBOL_104_ = 104,                     /* '*'  */
  YYSYMBOL_105_ = 105,                     /* '%'  */
  YYSYMBOL_NOT = 106,                      /* NOT  */
  YYSYMBOL_UMINUS = 107,                   /* UMINUS  */
  YYSYMBOL_UPLUS = 108,                    /* UPLUS  */
  YYSYMBOL_POWER = 109,                    /* POWER  */
  YYSYMBOL_DECR = 110,                     /* DECR  */
  YYSYMBOL_INCR = 111,                     /* INCR  */
  YYSYMBOL_INDIRECT = 112,                 /* INDIRECT  */
  YYSYMBOL_LASTTOKEN = 113,                /* LASTTOKEN  */
  YYSYMBOL_YYACCEPT = 114,                 /* $accept  */
  YYSYMBOL_program = 115,                  /* program  */
  YYSYMBOL_and = 116,                      /* and  */
  YYSYMBOL_bor = 117,                      /* bor  */
  YYSYMBOL_comma = 118,                    /* comma  */
  YYSYMBOL_do = 119,                       /* do  */
  YYSYMBOL_else = 120,                     /* else  */
  YYSYMBOL_for = 121,                      /* for  */
  YYSYMBOL_122_1 = 122,                    /* $@1  */
  YYSYMBOL_123_2 = 123,                    /* $@2  */
  YYSYMBOL_124_3 = 124,                    /* $@3  */
  YYSYMBOL_funcname = 125,                 /* funcname  */
  YYSYMBOL_if = 126,                       /* if  */
  YYSYMBOL_lbrace = 127,                   /* lbrace  */
  YYSYMBOL_nl = 128,                       /* nl  */
  YYSYMBOL_opt_nl = 129,                   /* opt_nl  */
  YYSYMBOL_opt_pst = 130,                  /* opt_pst  */
  YYSYMBOL_opt_simple_stmt = 131,          /* opt_simple_stmt  */
  YYSYMBOL_pas = 132,                      /* pas  */
  YYSYMBOL_pa_pat = 133,                   /* pa_pat  */
  YYSYMBOL_pa_stat = 134,                  /* pa_stat  */
  YYSYMBOL_135_4 = 135,                    /* $@4  */
  YYSYMBOL_pa_stats = 136,                 /* pa_stats  */
  YYSYMBOL_patlist = 137,                  /* patlist  */
  YYSYMBOL_ppattern = 138,                 /* ppattern  */
  YYSYMBOL_pattern = 139,                  /* pattern  */
  YYSYMBOL_plist = 140,                    /* plist  */
  YYSYMBOL_pplist = 141,                   /* pplist  */
  YYSYMBOL_prarg = 142,                    /* prarg  */
  YYSYMBOL_print = 143,                    /* print  */
  YYSYMBOL_pst = 144,                      /* pst  */
  YYSYMBOL_rbrace = 145,                   /* rbrace  */
  YYSYMBOL_re = 146,                       /* re  */
  YYSYMBOL_reg_expr = 147,                 /* reg_expr  */
  YYSYMBOL_148_5 = 148,                    /* $@5  */
  YYSYMBOL_rparen = 149,                   /* rparen  */
  YYSYMBOL_simple_stmt = 150,              /* simple_stmt  */
  YYSYMBOL_st = 151,                       /* st  */
  YYSYMBOL_stmt = 152,                     /* stmt  */
  YYSYMBOL_153_6 = 153,                    /* $@6  */
  YYSYMBOL_154_7 = 154,                    /* $@7  */
  YYSYMBOL_155_8 = 155,                    /* $@8  */
  YYSYMBOL_stmtlist = 156,                 /* stmtlist  */
  YYSYMBOL_subop = 157,                    /* subop  */
  YYSYMBOL_string = 158,                   /* string  */
  YYSYMBOL_term = 159,                     /* term  */
  YYSYMBOL_var = 160,                      /* var  */
  YYSYMBOL_varlist = 161,                  /* varlist  */
  YYSYMBOL_varname = 162,                  /* varname  */
  YYSYMBOL_while = 163                     /* while  */
};
typedef enum yysymbol_kind_t yysymbol_kind_t;




#ifdef short
# undef short
#endif

/* On compilers that do not define __PTRDIFF_MAX__ etc., make sure
   <limits.h> and (if available) <stdint.h> are included
   so that the code can choose integer types of a good width.  */

#ifndef __PTRDIFF_MAX__
# include <limits.h> /* INFRINGES ON USER NAME SPACE */
# if defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stdint.h> /* INFRINGES ON USER NAME SPACE */
#  define YY_STDINT_H
# endif
#endif

/* Narrow types that promote to a signed type and that can represent a
   signed or unsigned integer of at least N bits.  In tables they can
   save space and decrease cache pressure.  Promoting to a signed type
   helps avoid bugs in integer arithmetic.  */

#ifdef __INT_LEAST8_MAX__
typedef __INT_LEAST8_TYPE__ yytype_int8;
#elif defined YY_STDINT_H
typedef int_least8_t yytype_int8;
#else
typedef signed char yytype_int8;
#endif

#ifdef __INT_LEAST16_MAX__
typedef __INT_LEAST16_TYPE__ yytype_int16;
#elif defined YY_STDINT_H
typedef int_least16_t yytype_int16;
#else
typedef short yytype_int16;
#endif

/* Work around bug in HP-UX 11.23, which defines these macros
   incorrectly for preprocessor constants.  This workaround can likely
   be removed in 2023, as HPE has promised support for HP-UX 11.23
   (aka HP-UX 11i v2) only through the end of 2022; see Table 2 of
   <https://h20195.www2.hpe.com/V2/getpdf.aspx/4AA4-7673ENW.pdf>.  */
#ifdef __hpux
# undef UINT_LEAST8_MAX
# undef UINT_LEAST16_MAX
# define UINT_LEAST8_MAX 255
# define UINT_LEAST16_MAX 65535
#endif

#if defined __UINT_LEAST8_MAX__ && __UINT_LEAST8_MAX__ <= __INT_MAX__
typedef __UINT_LEAST8_TYPE__ yytype_uint8;
#elif (!defined __UINT_LEAST8_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST8_MAX <= INT_MAX)
typedef uint_least8_t yytype_uint8;
#elif !defined __UINT_LEAST8_MAX__ && UCHAR_MAX <= INT_MAX
typedef unsigned char yytype_uint8;
#else
typedef short yytype_uint8;
#endif

#if defined __UINT_LEAST16_MAX__ && __UINT_LEAST16_MAX__ <= __INT_MAX__
typedef __UINT_LEAST16_TYPE__ yytype_uint16;
#elif (!defined __UINT_LEAST16_MAX__ && defined YY_STDINT_H \
       && UINT_LEAST16_MAX <= INT_MAX)
typedef uint_least16_t yytype_uint16;
#elif !defined __UINT_LEAST16_MAX__ && USHRT_MAX <= INT_MAX
typedef unsigned short yytype_uint16;
#else
typedef int yytype_uint16;
#endif

#ifndef YYPTRDIFF_T
# if defined __PTRDIFF_TYPE__ && defined __PTRDIFF_MAX__
#  define YYPTRDIFF_T __PTRDIFF_TYPE__
#  define YYPTRDIFF_MAXIMUM __PTRDIFF_MAX__
# elif defined PTRDIFF_MAX
#  ifndef ptrdiff_t
#   include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  endif
#  define YYPTRDIFF_T ptrdiff_t
#  define YYPTRDIFF_MAXIMUM PTRDIFF_MAX
# else
#  define YYPTRDIFF_T long
#  define YYPTRDIFF_MAXIMUM LONG_MAX
# endif
#endif

#ifndef YYSIZE_T
# ifdef __SIZE_TYPE__
#  define YYSIZE_T __SIZE_TYPE__
# elif defined size_t
#  define YYSIZE_T size_t
# elif defined __STDC_VERSION__ && 199901 <= __STDC_VERSION__
#  include <stddef.h> /* INFRINGES ON USER NAME SPACE */
#  define YYSIZE_T size_t
# else
#  define YYSIZE_T unsigned
# endif
#endif

#define YYSIZE_MAXIMUM                                  \
  YY_CAST (YYPTRDIFF_T,                                 \
           (YYPTRDIFF_MAXIMUM < YY_CAST (YYSIZE_T, -1)  \
            ? YYPTRDIFF_MAXIMUM                         \
            : YY_CAST (YYSIZE_T, -1)))

#define YYSIZEOF(X) YY_CAST (YYPTRDIFF_T, sizeof (X))


/* Stored state numbers (used for stacks). */
typedef yytype_int16 yy_state_t;

/* State numbers in computations.  */
typedef int yy_state_fast_t;

#ifndef YY_
# if defined YYENABLE_NLS && YYENABLE_NLS
#  if ENABLE_NLS
#   include <libintl.h> /* INFRINGES ON USER NAME SPACE */
#   define YY_(Msgid) dgettext ("bison-runtime", Msgid)
#  endif
# endif
# ifndef YY_
#  define YY_(Msgid) Msgid
# endif
#endif


#ifndef YY_ATTRIBUTE_PURE
# if defined __GNUC__ && 2 < __GNUC__ + (96 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_PURE __attribute__ ((__pure__))
# else
#  define YY_ATTRIBUTE_PURE
# endif
#endif

#ifndef YY_ATTRIBUTE_UNUSED
# if defined __GNUC__ && 2 < __GNUC__ + (7 <= __GNUC_MINOR__)
#  define YY_ATTRIBUTE_UNUSED __attribute__ ((__unused__))
# else
#  define YY_ATTRIBUTE_UNUSED
# endif
#endif

/* Suppress unused-variable warnings by "using" E.  */
#if ! defined lint || defined __GNUC__
# define YY_USE(E) ((void) (E))
#else
# define YY_USE(E) /* empty */
#endif

/* Suppress an incorrect diagnostic about yylval being uninitialized.  */
#if defined __GNUC__ && ! defined __ICC && 406 <= __GNUC__ * 100 + __GNUC_MINOR__
# if __GNUC__ * 100 + __GNUC_MINOR__ < 407
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")
# else
#  define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN                           \
    _Pragma ("GCC diagnostic push")                                     \
    _Pragma ("GCC diagnostic ignored \"-Wuninitialized\"")              \
    _Pragma ("GCC diagnostic ignored \"-Wmaybe-uninitialized\"")
# endif
# define YY_IGNORE_MAYBE_UNINITIALIZED_END      \
    _Pragma ("GCC diagnostic pop")
#else
# define YY_INITIAL_VALUE(Value) Value
#endif
#ifndef YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
# define YY_IGNORE_MAYBE_UNINITIALIZED_END
#endif
#ifndef YY_INITIAL_VALUE
# define YY_INITIAL_VALUE(Value) /* Nothing. */
#endif

#if defined __cplusplus && defined __GNUC__ && ! defined __ICC && 6 <= __GNUC__
# define YY_IGNORE_USELESS_CAST_BEGIN                          \
    _Pragma ("GCC diagnostic push")                            \
    _Pragma ("GCC diagnostic ignored \"-Wuseless-cast\"")
# define YY_IGNORE_USELESS_CAST_END            \
    _Pragma ("GCC diagnostic pop")
#endif
#ifndef YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_BEGIN
# define YY_IGNORE_USELESS_CAST_END
#endif


#define YY_ASSERT(E) ((void) (0 && (E)))

#if !defined yyoverflow

/* The parser invokes alloca or malloc; define the necessary symbols.  */

# ifdef YYSTACK_USE_ALLOCA
#  if YYSTACK_USE_ALLOCA
#   ifdef __GNUC__
#    define YYSTACK_ALLOC __builtin_alloca
#   elif defined __BUILTIN_VA_ARG_INCR
#    include <alloca.h> /* INFRINGES ON USER NAME SPACE */
#   elif defined _AIX
#    define YYSTACK_ALLOC __alloca
#   elif defined _MSC_VER
#    include <malloc.h> /* INFRINGES ON USER NAME SPACE */
#    define alloca _alloca
#   else
#    define YYSTACK_ALLOC alloca
#    if ! defined _ALLOCA_H && ! defined EXIT_SUCCESS
#     include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
      /* Use EXIT_SUCCESS as a witness for stdlib.h.  */
#     ifndef EXIT_SUCCESS
#      define EXIT_SUCCESS 0
#     endif
#    endif
#   endif
#  endif
# endif

# ifdef YYSTACK_ALLOC
   /* Pacify GCC's 'empty if-body' warning.  */
#  define YYSTACK_FREE(Ptr) do { /* empty */; } while (0)
#  ifndef YYSTACK_ALLOC_MAXIMUM
    /* The OS might guarantee only one guard page at the bottom of the stack,
       and a page size can be as small as 4096 bytes.  So we cannot safely
       invoke alloca (N) if N exceeds 4096.  Use a slightly smaller number
       to allow for a few compiler-allocated temporary stack slots.  */
#   define YYSTACK_ALLOC_MAXIMUM 4032 /* reasonable circa 2006 */
#  endif
# else
#  define YYSTACK_ALLOC YYMALLOC
#  define YYSTACK_FREE YYFREE
#  ifndef YYSTACK_ALLOC_MAXIMUM
#   define YYSTACK_ALLOC_MAXIMUM YYSIZE_MAXIMUM
#  endif
#  if (defined __cplusplus && ! defined EXIT_SUCCESS \
       && ! ((defined YYMALLOC || defined malloc) \
             && (defined YYFREE || defined free)))
#   include <stdlib.h> /* INFRINGES ON USER NAME SPACE */
#   ifndef EXIT_SUCCESS
#    define EXIT_SUCCESS 0
#   endif
#  endif
#  ifndef YYMALLOC
#   define YYMALLOC malloc
#   if ! defined malloc && ! defined EXIT_SUCCESS
void *malloc (YYSIZE_T); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
#  ifndef YYFREE
#   define YYFREE free
#   if ! defined free && ! defined EXIT_SUCCESS
void free (void *); /* INFRINGES ON USER NAME SPACE */
#   endif
#  endif
# endif
#endif /* !defined yyoverflow */

#if (! defined yyoverflow \
     && (! defined __cplusplus \
         || (defined YYSTYPE_IS_TRIVIAL && YYSTYPE_IS_TRIVIAL)))

/* A type that is properly aligned for any stack member.  */
union yyalloc
{
  yy_state_t yyss_alloc;
  YYSTYPE yyvs_alloc;
};

/* The size of the maximum gap between one aligned stack and the next.  */
# define YYSTACK_GAP_MAXIMUM (YYSIZEOF (union yyalloc) - 1)

/* The size of an array large to enough to hold all stacks, each with
   N elements.  */
# define YYSTACK_BYTES(N) \
     ((N) * (YYSIZEOF (yy_state_t) + YYSIZEOF (YYSTYPE)) \
      + YYSTACK_GAP_MAXIMUM)

# define YYCOPY_NEEDED 1

/* Relocate STACK from its old location to the new one.  The
   local variables YYSIZE and YYSTACKSIZE give the old and new number of
   elements in the stack, and YYPTR gives the new location of the
   stack.  Advance YYPTR to a properly aligned location for the next
   stack.  */
# define YYSTACK_RELOCATE(Stack_alloc, Stack)                           \
    do                                                                  \
      {                                                                 \
        YYPTRDIFF_T yynewbytes;                                         \
        YYCOPY (&yyptr->Stack_alloc, Stack, yysize);                    \
        Stack = &yyptr->Stack_alloc;                                    \
        yynewbytes = yystacksize * YYSIZEOF (*Stack) + YYSTACK_GAP_MAXIMUM; \
        yyptr += yynewbytes / YYSIZEOF (*yyptr);                        \
      }                                                                 \
    while (0)

#endif

#if defined YYCOPY_NEEDED && YYCOPY_NEEDED
/* Copy COUNT objects from SRC to DST.  The source and destination do
   not overlap.  */
# ifndef YYCOPY
#  if defined __GNUC__ && 1 < __GNUC__
#   define YYCOPY(Dst, Src, Count) \
      __builtin_memcpy (Dst, Src, YY_CAST (YYSIZE_T, (Count)) * sizeof (*(Src)))
#  else
#   define YYCOPY(Dst, Src, Count)              \
      do                                        \
        {                                       \
          YYPTRDIFF_T yyi;                      \
          for (yyi = 0; yyi < (Count); yyi++)   \
            (Dst)[yyi] = (Src)[yyi];            \
        }                                       \
      while (0)
#  endif
# endif
#endif /* !YYCOPY_NEEDED */

/* YYFINAL -- State number of the termination state.  */
#define YYFINAL  8
/* YYLAST -- Last index in YYTABLE.  */
#define YYLAST   4765

/* YYNTOKENS -- Number of terminals.  */
#define YYNTOKENS  114
/* YYNNTS -- Number of nonterminals.  */
#define YYNNTS  50
/* YYNRULES -- Number of rules.  */
#define YYNRULES  192
/* YYNSTATES -- Number of states.  */
#define YYNSTATES  380

/* YYMAXUTOK -- Last valid token kind.  */
#define YYMAXUTOK   352


/* YYTRANSLATE(TOKEN-NUM) -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex, with out-of-bounds checking.  */
#define YYTRANSLATE(YYX)                                \
  (0 <= (YYX) && (YYX) <= YYMAXUTOK                     \
   ? YY_CAST (yysymbol_kind_t, yytranslate[YYX])        \
   : YYSYMBOL_YYUNDEF)

/* YYTRANSLATE[TOKEN-NUM] -- Symbol number corresponding to TOKEN-NUM
   as returned by yylex.  */
static const yytype_int8 yytranslate[] =
{
       0,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,   105,     2,     2,
      12,    16,   104,   102,    10,   103,     2,    15,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,    95,    14,
       2,     2,     2,    94,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,    18,     2,    19,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,    11,    13,    17,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     2,     2,     2,     2,
       2,     2,     2,     2,     2,     2,     1,     2,     3,     4,
       5,     6,     7,     8,     9,    20,    21,    22,    23,    24,
      25,    26,    27,    28,    29,    30,    31,    32,    33,    34,
      35,    36,    37,    38,    39,    40,    41,    42,    43,    44,
      45,    46,    47,    48,    49,    50,    51,    52,    53,    54,
      55,    56,    57,    58,    59,    60,    61,    62,    63,    64,
      65,    66,    67,    68,    69,    70,    71,    72,    73,    74,
      75,    76,    77,    78,    79,    80,    81,    82,    83,    84,
      85,    86,    87,    88,    89,    90,    91,    92,    93,    96,
      97,    98,    99,   100,   101,   106,   107,   108,   109,   110,
     111,   112,   113
};

#if YYDEBUG
/* YYRLINE[YYN] -- Source line where rule number YYN was defined.  */
static const yytype_int16 yyrline[] =
{
       0,    99,    99,   101,   105,   105,   109,   109,   113,   113,
     117,   117,   121,   121,   125,   125,   127,   127,   129,   129,
     134,   135,   139,   143,   143,   147,   147,   151,   152,   156,
     157,   162,   163,   167,   168,   172,   176,   177,   178,   179,
     180,   181,   183,   185,   185,   190,   191,   195,   196,   200,
     201,   203,   205,   207,   208,   214,   215,   216,   217,   218,
     219,   220,   221,   222,   223,   227,   228,   230,   232,   234,
     235,   236,   237,   238,   239,   240,   241,   247,   248,   249,
     252,   255,   256,   257,   261,   262,   266,   267,   271,   272,
     273,   277,   277,   281,   281,   281,   281,   285,   285,   289,
     291,   295,   295,   299,   299,   303,   306,   309,   312,   313,
     314,   315,   316,   320,   321,   325,   327,   329,   329,   329,
     331,   332,   333,   334,   335,   336,   337,   340,   343,   344,
     345,   346,   346,   347,   351,   352,   356,   356,   360,   361,
     365,   366,   367,   368,   369,   370,   371,   372,   373,   374,
     375,   376,   377,   378,   379,   380,   381,   382,   383,   384,
     385,   386,   387,   388,   389,   391,   394,   395,   397,   403,
     404,   406,   408,   410,   411,   412,   414,   420,   422,   428,
     430,   432,   436,   437,   438,   439,   443,   444,   445,   451,
     452,   453,   458
};
#endif

/** Accessing symbol of state STATE.  */
#define YY_ACCESSING_SYMBOL(State) YY_CAST (yysymbol_kind_t, yystos[State])

#if YYDEBUG || 0
/* The user-facing name of the symbol whose (internal) number is
   YYSYMBOL.  No bounds checking.  */
static const char *yysymbol_name (yysymbol_kind_t yysymbol) YY_ATTRIBUTE_UNUSED;

/* YYTNAME[SYMBOL-NUM] -- String name of the symbol SYMBOL-NUM.
   First, the terminals, then, starting at YYNTOKENS, nonterminals.  */
static const char *const yytname[] =
{
  "\"end of file\"", "error", "\"invalid token\"", "FIRSTTOKEN",
  "PROGRAM", "PASTAT", "PASTAT2", "XBEGIN", "XEND", "NL", "','", "'{'",
  "'('", "'|'", "';'", "'/'", "')'", "'}'", "'['", "']'", "ARRAY", "MATCH",
  "NOTMATCH", "MATCHOP", "FINAL", "DOT", "ALL", "CCL", "NCCL", "CHAR",
  "OR", "STAR", "QUEST", "PLUS", "EMPTYRE", "ZERO", "AND", "BOR", "APPEND",
  "EQ", "GE", "GT", "LE", "LT", "NE", "IN", "ARG", "BLTIN", "BREAK",
  "CLOSE", "CONTINUE", "DELETE", "DO", "EXIT", "FOR", "FUNC", "SUB",
  "GSUB", "IF", "INDEX", "LSUBSTR", "MATCHFCN", "NEXT", "NEXTFILE", "ADD",
  "MINUS", "MULT", "DIVIDE", "MOD", "ASSIGN", "ASGNOP", "ADDEQ", "SUBEQ",
  "MULTEQ", "DIVEQ", "MODEQ", "POWEQ", "PRINT", "PRINTF", "SPRINTF",
  "ELSE", "INTEST", "CONDEXPR", "POSTINCR", "PREINCR", "POSTDECR",
  "PREDECR", "VAR", "IVAR", "VARNF", "CALL", "NUMBER", "STRING", "REGEXPR",
  "'?'", "':'", "GETLINE", "RETURN", "SPLIT", "SUBSTR", "WHILE", "CAT",
  "'+'", "'-'", "'*'", "'%'", "NOT", "UMINUS", "UPLUS", "POWER", "DECR",
  "INCR", "INDIRECT", "LASTTOKEN", "$accept", "program", "and", "bor",
  "comma", "do", "else", "for", "$@1", "$@2", "$@3", "funcname", "if",
  "lbrace", "nl", "opt_nl", "opt_pst", "opt_simple_stmt", "pas", "pa_pat",
  "pa_stat", "$@4", "pa_stats", "patlist", "ppattern", "pattern", "plist",
  "pplist", "prarg", "print", "pst", "rbrace", "re", "reg_expr", "$@5",
  "rparen", "simple_stmt", "st", "stmt", "$@6", "$@7", "$@8", "stmtlist",
  "subop", "string", "term", "var", "varlist", "varname", "while", YY_NULLPTR
};

static const char *
yysymbol_name (yysymbol_kind_t yysymbol)
{
  return yytname[yysymbol];
}
#endif

#define YYPACT_NINF (-325)

#define yypact_value_is_default(Yyn) \
  ((Yyn) == YYPACT_NINF)

#define YYTABLE_NINF (-32)

#define yytable_value_is_error(Yyn) \
  ((Yyn) == YYTABLE_NINF)

/* YYPACT[STATE-NUM] -- Index in YYTABLE of the portion describing
   STATE-NUM.  */
static const yytype_int16 yypact[] =
{
     701,  -325,  -325,  -325,    41,  1653,  -325,    62,  -325,    49,
      49,  -325,  4383,  -325,  -325,    37,  4653,    59,  -325,  -325,
      63,    78,    97,  -325,  -325,  -325,   124,  -325,  -325,   122,
     126,   140,  4653,  4653,  4441,   168,   168,  4653,   836,   117,
    -325,    64,  3584,  -325,  -325,   142,   -18,   -10,   -43,   143,
    -325,  -325,   836,   836,  2257,    -4,    65,  4277,  4383,  4653,
     -10,  -100,  -325,  -325,   148,  4383,  4383,  4383,  4335,  4653,
     119,  4383,  4383,    57,    57,  -325,    57,  -325,  -325,  -325,
    -325,  -325,   158,    77,    77,   -24,  -325,  1806,   157,   159,
      77,    77,  -325,  -325,  1806,   162,   167,  -325,  1459,   836,
    3584,  4489,    77,  -325,   905,  -325,   158,   836,  1653,    74,
    4383,  -325,  -325,  4383,  4383,  4383,  4383,  4383,  4383,   -24,
    4383,  1864,  1922,   -10,  4383,  -325,  4537,  4653,  4653,  4653,
    4653,  4653,  4383,  -325,  -325,  4383,   974,  1043,  -325,  -325,
    1980,   134,  1980,   171,  -325,    26,  3584,  2753,   103,  2661,
    2661,    88,  -325,    91,   -10,  4653,  2661,  2661,  -325,   179,
    -325,   158,   179,  -325,  -325,   175,  1748,  -325,  1527,  4383,
    -325,  -325,  1748,  -325,  4383,  -325,  1459,   116,  1112,  4383,
    3746,   187,    17,  -325,   -10,   -14,  -325,  -325,  -325,  1459,
    4383,  1181,  -325,   168,  4000,  -325,  4000,  4000,  4000,  4000,
    4000,  4000,  -325,  2845,  -325,  3919,  -325,  3838,  2661,   187,
    4653,    57,    20,    20,    57,    57,    57,  3584,    38,  -325,
    -325,  -325,  3584,   -24,  3584,  -325,  -325,  1980,  -325,   106,
    1980,  1980,  -325,  -325,   -10,    31,  1980,  -325,  -325,  4383,
    -325,   184,  -325,    27,  2937,  -325,  2937,  -325,  -325,  1252,
    -325,   191,   107,  4605,  4605,  4605,  4605,  4605,  4605,   -24,
    4605,  2038,  2096,   -10,  2154,  4653,  4653,  4653,  4605,  -325,
      49,  -325,  -325,  4383,  1980,  1980,   -10,  -325,  -325,  3584,
    -325,     0,   196,  3029,   197,  3121,   200,   127,  2360,    69,
     139,   -24,   196,   196,   120,  -325,  -325,  -325,   172,  4383,
    4229,  -325,  4229,  4229,  4229,  4229,  4229,  -325,  3665,  4155,
    4081,  3746,   -10,   -10,   -10,  3746,   836,  3584,  2463,  2566,
    -325,  -325,    49,  -325,  -325,  -325,  -325,  -325,  1980,  -325,
    1980,  -325,   158,  4383,   203,   195,   -24,   135,  4605,  1321,
    -325,    -7,  -325,    -7,   836,  3213,   205,  3305,  1595,  3400,
     196,  4383,  -325,   172,  3746,  -325,   206,   207,  1390,  -325,
    -325,  -325,   203,   158,  1459,  3492,  -325,  -325,  -325,   196,
    1595,  -325,    77,  1459,   203,  -325,  -325,   196,  1459,  -325
};

/* YYDEFACT[STATE-NUM] -- Default reduction number in state STATE-NUM.
   Performed when YYTABLE does not specify something else to do.  Zero
   means the default is an error.  */
static const yytype_uint8 yydefact[] =
{
       0,     3,    93,    94,     0,    33,     2,    30,     1,     0,
       0,    23,     0,   101,   190,   152,     0,     0,   136,   137,
       0,     0,     0,   189,   184,   191,     0,   169,   138,   163,
       0,     0,     0,     0,     0,     0,     0,     0,     0,    36,
      45,    29,    35,    82,    99,     0,   174,    83,   181,   182,
      95,    96,     0,     0,     0,     0,     0,     0,     0,     0,
     155,   181,    20,    21,     0,     0,     0,     0,     0,     0,
     162,     0,     0,   148,   147,   100,   149,   156,   157,   185,
     112,    24,    27,     0,     0,     0,    10,     0,     0,     0,
       0,     0,    91,    92,     0,     0,   117,   122,     0,     0,
     111,    88,     0,   134,     0,   131,    27,     0,    34,     0,
       0,     4,     6,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,    81,     0,   139,     0,     0,     0,     0,
       0,     0,     0,   158,   159,     0,     0,     0,     8,   166,
       0,     0,     0,     0,   150,     0,    47,     0,   186,     0,
       0,     0,   153,     0,   161,     0,     0,     0,    25,    28,
     133,    27,   113,   115,   116,   110,     0,   121,     0,     0,
     126,   127,     0,   129,     0,    11,     0,   124,     0,     0,
      86,    89,   108,    63,    64,   181,   130,    40,   135,     0,
       0,     0,    46,    80,    76,    75,    69,    70,    71,    72,
      73,    74,    77,     0,     5,    68,     7,    67,     0,    99,
       0,   144,   141,   142,   143,   145,   146,    65,     0,    41,
      42,     9,    84,     0,    85,   102,   151,     0,   187,     0,
       0,     0,   173,   154,   160,     0,     0,    26,   114,     0,
     120,     0,    32,   182,     0,   128,     0,   118,    12,     0,
      97,   125,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,    62,     0,     0,     0,     0,     0,   132,
      38,    37,    79,     0,     0,     0,   140,   183,    78,    48,
     103,     0,    43,     0,    99,     0,    99,     0,     0,     0,
      27,     0,    22,   192,     0,    13,   123,    98,    90,     0,
      54,    53,    55,    56,    57,    58,    59,    60,     0,    52,
      51,    87,   105,   106,   107,    49,     0,    66,     0,     0,
     188,   104,     0,   164,   165,   168,   167,   172,     0,   180,
       0,   109,    27,     0,     0,     0,     0,     0,     0,     0,
     176,     0,   175,     0,     0,     0,    99,     0,     0,     0,
      18,     0,    61,     0,    50,    39,     0,     0,     0,   170,
     171,   179,     0,    27,     0,     0,   178,   177,    44,    16,
       0,    19,     0,     0,     0,   119,    17,    14,     0,    15
};

/* YYPGOTO[NTERM-NUM].  */
static const yytype_int16 yypgoto[] =
{
    -325,  -325,    86,   154,   522,  -325,  -325,  -325,  -325,  -325,
    -325,  -325,  -325,    -2,   -78,   -72,   183,  -324,  -325,    36,
     121,  -325,  -325,   -35,   161,   545,  -178,  -325,  -325,  -325,
    -325,  -325,   101,   -58,  -325,  -215,  -145,   -40,   -34,  -325,
    -325,  -325,   -38,  -325,  -325,   281,   -16,  -325,   -60,  -325
};

/* YYDEFGOTO[NTERM-NUM].  */
static const yytype_int16 yydefgoto[] =
{
       0,     4,   121,   122,   227,    96,   249,    97,   378,   373,
     364,    64,    98,    99,   162,   160,     5,   241,     6,    39,
      40,   322,    41,   145,   180,   100,    55,   181,   182,   101,
       7,   251,    43,    44,    56,   282,   102,   163,   103,   176,
     294,   189,   104,    45,    46,    47,    48,   229,    49,   105
};

/* YYTABLE[YYPACT[STATE-NUM]] -- What to do in state STATE-NUM.  If
   positive, shift that token.  If negative, reduce the rule whose
   number is the opposite.  If YYTABLE_NINF, syntax error.  */
static const yytype_int16 yytable[] =
{
      61,   252,   221,    38,   159,   126,   138,    52,    53,   221,
     133,   134,   141,    70,   136,   137,    61,    61,    61,    77,
      78,    61,    14,   242,   362,   165,    61,   132,   159,   292,
     265,   293,   151,   153,   190,   126,   138,   107,    61,    14,
     221,     8,   226,    61,   164,   135,   374,   167,   138,    57,
     170,   171,   195,    61,   173,   266,   268,   277,   267,   202,
      11,   178,   186,    23,   177,    25,   209,   133,   134,   191,
     188,    50,   291,     2,   125,    65,    51,    14,     3,   138,
      23,    24,    25,   159,    61,   185,   158,   320,   331,   238,
      66,   161,   127,   128,   129,   130,   133,   134,   138,   131,
     218,   138,   188,   188,   232,    37,    38,   233,   243,    67,
      61,    61,    61,    61,    61,    61,   138,   138,    23,   350,
      25,   337,   280,   298,   129,   130,   240,   106,    11,   131,
      61,    61,   245,    61,    61,    75,    68,   138,    71,    61,
      61,    61,   247,   327,   188,   138,    62,   369,   158,    63,
      61,   353,    72,   332,   124,   269,    61,   188,   143,   377,
     148,   135,   155,   278,    61,    69,   131,   158,    14,   168,
     193,   169,   284,   286,   174,   287,   175,   272,    61,   223,
      61,    61,    61,    61,    61,    61,   225,    61,   237,    61,
     228,    61,    61,   239,    61,   301,   248,   138,   290,   307,
     297,    61,   183,   242,   289,   321,    61,   351,    61,    23,
      24,    25,   159,   324,    14,   296,   326,   336,   333,   280,
     335,   360,   366,   367,   108,   242,   270,     0,    61,   192,
      61,   334,     0,     0,    37,     0,     0,   185,   185,   185,
     185,   185,   185,     0,   185,   185,   185,     0,   185,    61,
      61,    61,   185,     0,   159,    23,    24,    25,     0,     0,
     348,     0,     0,    61,     0,     0,   261,    61,   316,    61,
     346,     0,    61,     0,     0,     0,   352,     0,   339,     0,
      37,     0,     0,     0,    61,   159,    61,    61,    61,    61,
      61,   370,    61,    61,    61,    61,     0,    60,     0,    61,
       0,    61,    61,    61,     0,   188,   358,     0,     0,     0,
       0,     0,     0,    73,    74,    76,     0,     0,    79,     0,
     344,     0,   185,   123,   188,   356,     0,   357,     0,    61,
     371,    61,   375,    61,   262,   123,     0,     0,    61,   376,
      76,     0,     0,     0,   379,     0,     0,     0,     0,    61,
     154,     0,     0,     0,   183,   183,   183,   183,   183,   183,
       0,   183,   183,   183,     0,   183,     0,     0,     0,   183,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,   123,   184,     0,     0,     0,   261,     0,   261,   261,
     261,   261,   261,     0,   261,   261,   261,   261,     0,     0,
       0,   261,     0,     0,     0,     0,     0,   211,   212,   213,
     214,   215,   216,     0,   300,   302,   303,   304,   305,   306,
       0,   308,   309,   310,     0,   311,     0,   123,   123,   315,
     123,   123,     0,     0,     0,     0,   234,   123,   123,   183,
     261,     0,     0,     0,     0,     0,     0,   123,     0,     0,
       0,     0,     0,   123,   262,     0,   262,   262,   262,   262,
     262,   263,   262,   262,   262,   262,     0,     0,     0,   262,
       0,     0,     0,     0,     0,   123,     0,   123,   123,   123,
     123,   123,   123,     0,   123,     0,   123,     0,   123,   123,
       0,   276,     0,     0,     0,     0,     0,     0,   123,   354,
       0,     0,     0,   123,     0,   123,     0,     0,   262,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,   123,     0,   123,     0,     0,
       0,     0,     0,     0,   184,   184,   184,   184,   184,   184,
       0,   184,   184,   184,     0,   184,   312,   313,   314,   184,
      42,     0,     0,     0,     0,     0,     0,    54,     0,     0,
     123,     0,     0,     0,   123,     0,   123,     0,     0,   123,
       0,     0,     0,     0,     0,     0,   140,   142,     0,     0,
       0,   263,     0,   263,   263,   263,   263,   263,     0,   263,
     263,   263,   263,     0,     0,     0,   263,     0,   123,   123,
     123,     0,   146,   147,     0,     0,     0,     0,     0,     0,
     149,   150,   146,   146,     0,     0,   156,   157,     0,   184,
       0,     0,     0,     0,     0,     0,   123,     0,   123,     0,
     123,     0,   166,     0,     0,   263,     0,     0,     0,   172,
       0,     0,     0,     0,     0,     0,   123,     0,     0,     0,
       0,     0,     0,    42,     0,   194,     0,     0,   196,   197,
     198,   199,   200,   201,     0,   203,   205,   207,     0,   208,
       0,   230,   231,     0,     0,     0,     0,   217,   235,   236,
     146,     0,     0,     0,     0,   222,     0,   224,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,   -29,     1,   264,     0,     0,     0,     0,   -29,   -29,
       2,     0,   -29,   -29,   244,     3,   -29,     0,     0,   246,
       0,     0,     0,     0,    54,     0,     0,     0,     0,     0,
     274,   275,     0,     0,     0,    42,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,   -29,   -29,     0,
     -29,   281,     0,     0,     0,     0,   -29,   -29,   -29,     0,
     -29,     0,   -29,     0,     0,     0,     0,     0,     0,     0,
       0,     0,   279,     0,   142,   283,   285,     0,     0,     0,
     -29,   288,     0,     0,   146,     0,     0,     0,   -29,   -29,
     -29,   -29,   -29,   -29,     0,     0,     0,   -29,     0,   -29,
     -29,     0,     0,   -29,   -29,     0,     0,   -29,     0,   328,
     330,   -29,   -29,   -29,     0,     0,     0,     0,   317,   318,
     319,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,    80,     0,     0,
     341,   343,     0,     0,    54,    81,     0,    11,    12,     0,
      82,    13,     0,     0,     0,     0,     0,     0,     0,   142,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,   345,     0,   347,     0,     0,   349,     0,
       0,     0,    14,    15,    83,    16,    84,    85,    86,    87,
      88,     0,    18,    19,    89,    20,   365,    21,    90,    91,
       0,     0,     0,     0,     0,     0,    80,     0,     0,     0,
       0,     0,     0,    92,    93,    22,    11,    12,     0,    82,
      13,     0,   187,    23,    24,    25,    26,    27,    28,     0,
       0,     0,    29,    94,    30,    31,    95,     0,    32,    33,
       0,     0,    34,     0,     0,     0,    35,    36,    37,     0,
       0,    14,    15,    83,    16,    84,    85,    86,    87,    88,
       0,    18,    19,    89,    20,     0,    21,    90,    91,     0,
       0,     0,     0,     0,     0,    80,     0,     0,     0,     0,
       0,     0,    92,    93,    22,    11,    12,     0,    82,    13,
       0,   219,    23,    24,    25,    26,    27,    28,     0,     0,
       0,    29,    94,    30,    31,    95,     0,    32,    33,     0,
       0,    34,     0,     0,     0,    35,    36,    37,     0,     0,
      14,    15,    83,    16,    84,    85,    86,    87,    88,     0,
      18,    19,    89,    20,     0,    21,    90,    91,     0,     0,
       0,     0,     0,     0,    80,     0,     0,     0,     0,     0,
       0,    92,    93,    22,    11,    12,     0,    82,    13,     0,
     220,    23,    24,    25,    26,    27,    28,     0,     0,     0,
      29,    94,    30,    31,    95,     0,    32,    33,     0,     0,
      34,     0,     0,     0,    35,    36,    37,     0,     0,    14,
      15,    83,    16,    84,    85,    86,    87,    88,     0,    18,
      19,    89,    20,     0,    21,    90,    91,     0,     0,     0,
       0,     0,     0,    80,     0,     0,     0,     0,     0,     0,
      92,    93,    22,    11,    12,     0,    82,    13,     0,   250,
      23,    24,    25,    26,    27,    28,     0,     0,     0,    29,
      94,    30,    31,    95,     0,    32,    33,     0,     0,    34,
       0,     0,     0,    35,    36,    37,     0,     0,    14,    15,
      83,    16,    84,    85,    86,    87,    88,     0,    18,    19,
      89,    20,     0,    21,    90,    91,     0,     0,     0,     0,
       0,     0,    80,     0,     0,     0,     0,     0,     0,    92,
      93,    22,    11,    12,     0,    82,    13,     0,   271,    23,
      24,    25,    26,    27,    28,     0,     0,     0,    29,    94,
      30,    31,    95,     0,    32,    33,     0,     0,    34,     0,
       0,     0,    35,    36,    37,     0,     0,    14,    15,    83,
      16,    84,    85,    86,    87,    88,     0,    18,    19,    89,
      20,     0,    21,    90,    91,     0,     0,     0,     0,     0,
       0,     0,     0,    80,     0,     0,     0,     0,    92,    93,
      22,   295,     0,    11,    12,     0,    82,    13,    23,    24,
      25,    26,    27,    28,     0,     0,     0,    29,    94,    30,
      31,    95,     0,    32,    33,     0,     0,    34,     0,     0,
       0,    35,    36,    37,     0,     0,     0,     0,    14,    15,
      83,    16,    84,    85,    86,    87,    88,     0,    18,    19,
      89,    20,     0,    21,    90,    91,     0,     0,     0,     0,
       0,     0,    80,     0,     0,     0,     0,     0,     0,    92,
      93,    22,    11,    12,     0,    82,    13,     0,   355,    23,
      24,    25,    26,    27,    28,     0,     0,     0,    29,    94,
      30,    31,    95,     0,    32,    33,     0,     0,    34,     0,
       0,     0,    35,    36,    37,     0,     0,    14,    15,    83,
      16,    84,    85,    86,    87,    88,     0,    18,    19,    89,
      20,     0,    21,    90,    91,     0,     0,     0,     0,     0,
       0,    80,     0,     0,     0,     0,     0,     0,    92,    93,
      22,    11,    12,     0,    82,    13,     0,   368,    23,    24,
      25,    26,    27,    28,     0,     0,     0,    29,    94,    30,
      31,    95,     0,    32,    33,     0,     0,    34,     0,     0,
       0,    35,    36,    37,     0,     0,    14,    15,    83,    16,
      84,    85,    86,    87,    88,     0,    18,    19,    89,    20,
       0,    21,    90,    91,     0,     0,     0,     0,     0,     0,
      80,     0,     0,     0,     0,     0,     0,    92,    93,    22,
      11,    12,     0,    82,    13,     0,     0,    23,    24,    25,
      26,    27,    28,     0,     0,     0,    29,    94,    30,    31,
      95,     0,    32,    33,     0,     0,    34,     0,     0,     0,
      35,    36,    37,     0,     0,    14,    15,    83,    16,    84,
      85,    86,    87,    88,     0,    18,    19,    89,    20,     0,
      21,    90,    91,     0,     0,     0,     0,     0,    80,     0,
       0,     0,     0,     0,     0,     0,    92,    93,    22,    12,
       0,   -31,    13,     0,     0,     0,    23,    24,    25,    26,
      27,    28,     0,     0,     0,    29,    94,    30,    31,    95,
       0,    32,    33,     0,     0,    34,     0,     0,     0,    35,
      36,    37,     0,    14,    15,     0,    16,     0,    85,     0,
       0,     0,     0,    18,    19,     0,    20,     0,    21,     0,
       0,     0,     0,     0,     0,     0,    80,     0,     0,     0,
       0,     0,     0,     0,    92,    93,    22,    12,     0,     0,
      13,   -31,     0,     0,    23,    24,    25,    26,    27,    28,
       0,     0,     0,    29,     0,    30,    31,     0,     0,    32,
      33,     0,     0,    34,     0,     0,     0,    35,    36,    37,
       0,    14,    15,     0,    16,     0,    85,     0,     0,     0,
       0,    18,    19,     0,    20,     0,    21,     0,     0,     0,
       9,    10,     0,     0,    11,    12,     0,     0,    13,     0,
       0,     0,    92,    93,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,     0,     0,
       0,    29,     0,    30,    31,     0,     0,    32,    33,    14,
      15,    34,    16,     0,     0,    35,    36,    37,    17,    18,
      19,     0,    20,     0,    21,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,     0,     0,    29,
       0,    30,    31,     0,     0,    32,    33,   158,     0,    34,
      58,   109,   161,    35,    36,    37,     0,     0,     0,     0,
       0,   110,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,   111,   112,     0,   113,   114,   115,
     116,   117,   118,   119,    14,    15,     0,    16,     0,     0,
       0,     0,     0,     0,    18,    19,     0,    20,     0,    21,
       0,     0,     0,     0,     0,   158,     0,     0,    12,     0,
     161,    13,     0,     0,     0,     0,     0,    22,     0,     0,
       0,     0,     0,     0,     0,    23,    24,    25,    26,    27,
      28,     0,   120,     0,    29,     0,    30,    31,     0,     0,
      32,    33,    14,    15,    59,    16,     0,     0,    35,    36,
      37,     0,    18,    19,     0,    20,     0,    21,     0,     0,
       0,     0,     0,   204,     0,     0,    12,     0,     0,    13,
       0,     0,     0,     0,     0,    22,     0,     0,     0,     0,
       0,     0,     0,    23,    24,    25,    26,    27,    28,     0,
       0,     0,    29,     0,    30,    31,     0,     0,    32,    33,
      14,    15,    34,    16,     0,     0,    35,    36,    37,     0,
      18,    19,     0,    20,     0,    21,     0,     0,     0,     0,
       0,   206,     0,     0,    12,     0,     0,    13,     0,     0,
       0,     0,     0,    22,     0,     0,     0,     0,     0,     0,
       0,    23,    24,    25,    26,    27,    28,     0,     0,     0,
      29,     0,    30,    31,     0,     0,    32,    33,    14,    15,
      34,    16,     0,     0,    35,    36,    37,     0,    18,    19,
       0,    20,     0,    21,     0,     0,     0,     0,     0,   221,
       0,     0,    12,     0,     0,    13,     0,     0,     0,     0,
       0,    22,     0,     0,     0,     0,     0,     0,     0,    23,
      24,    25,    26,    27,    28,     0,     0,     0,    29,     0,
      30,    31,     0,     0,    32,    33,    14,    15,    34,    16,
       0,     0,    35,    36,    37,     0,    18,    19,     0,    20,
       0,    21,     0,     0,     0,     0,     0,   204,     0,     0,
     299,     0,     0,    13,     0,     0,     0,     0,     0,    22,
       0,     0,     0,     0,     0,     0,     0,    23,    24,    25,
      26,    27,    28,     0,     0,     0,    29,     0,    30,    31,
       0,     0,    32,    33,    14,    15,    34,    16,     0,     0,
      35,    36,    37,     0,    18,    19,     0,    20,     0,    21,
       0,     0,     0,     0,     0,   206,     0,     0,   299,     0,
       0,    13,     0,     0,     0,     0,     0,    22,     0,     0,
       0,     0,     0,     0,     0,    23,    24,    25,    26,    27,
      28,     0,     0,     0,    29,     0,    30,    31,     0,     0,
      32,    33,    14,    15,    34,    16,     0,     0,    35,    36,
      37,     0,    18,    19,     0,    20,     0,    21,     0,     0,
       0,     0,     0,   221,     0,     0,   299,     0,     0,    13,
       0,     0,     0,     0,     0,    22,     0,     0,     0,     0,
       0,     0,     0,    23,    24,    25,    26,    27,    28,     0,
       0,     0,    29,     0,    30,    31,     0,     0,    32,    33,
      14,    15,    34,    16,     0,     0,    35,    36,    37,     0,
      18,    19,     0,    20,     0,    21,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,    22,     0,     0,     0,     0,     0,     0,
       0,    23,    24,    25,    26,    27,    28,     0,     0,     0,
      29,     0,    30,    31,     0,     0,    32,    33,     0,     0,
      34,     0,     0,     0,    35,    36,    37,   138,     0,    58,
     109,     0,     0,   139,     0,     0,     0,     0,     0,     0,
     110,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,   111,   112,     0,   113,   114,   115,   116,
     117,   118,   119,    14,    15,     0,    16,     0,     0,     0,
       0,     0,     0,    18,    19,     0,    20,     0,    21,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,    22,     0,     0,     0,
       0,     0,     0,     0,    23,    24,    25,    26,    27,    28,
       0,   120,     0,    29,     0,    30,    31,     0,     0,    32,
      33,     0,     0,    59,     0,     0,     0,    35,    36,    37,
     138,     0,    58,   109,     0,     0,   329,     0,     0,     0,
       0,     0,     0,   110,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,   111,   112,     0,   113,
     114,   115,   116,   117,   118,   119,    14,    15,     0,    16,
       0,     0,     0,     0,     0,     0,    18,    19,     0,    20,
       0,    21,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,    22,
       0,     0,     0,     0,     0,     0,     0,    23,    24,    25,
      26,    27,    28,     0,   120,     0,    29,     0,    30,    31,
       0,     0,    32,    33,     0,     0,    59,     0,     0,     0,
      35,    36,    37,   138,     0,    58,   109,     0,     0,   340,
       0,     0,     0,     0,     0,     0,   110,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,   111,
     112,     0,   113,   114,   115,   116,   117,   118,   119,    14,
      15,     0,    16,     0,     0,     0,     0,     0,     0,    18,
      19,     0,    20,     0,    21,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,   120,     0,    29,
       0,    30,    31,     0,     0,    32,    33,     0,     0,    59,
       0,     0,     0,    35,    36,    37,   138,     0,    58,   109,
       0,     0,   342,     0,     0,     0,     0,     0,     0,   110,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,   111,   112,     0,   113,   114,   115,   116,   117,
     118,   119,    14,    15,     0,    16,     0,     0,     0,     0,
       0,     0,    18,    19,     0,    20,     0,    21,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,    22,     0,     0,     0,     0,
       0,     0,     0,    23,    24,    25,    26,    27,    28,     0,
     120,     0,    29,     0,    30,    31,     0,     0,    32,    33,
       0,   138,    59,    58,   109,     0,    35,    36,    37,     0,
       0,     0,     0,     0,   110,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,   111,   112,     0,
     113,   114,   115,   116,   117,   118,   119,    14,    15,     0,
      16,     0,     0,     0,     0,     0,     0,    18,    19,     0,
      20,     0,    21,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
      22,     0,     0,     0,     0,     0,     0,     0,    23,    24,
      25,    26,    27,    28,     0,   120,     0,    29,     0,    30,
      31,     0,     0,    32,    33,    58,   109,    59,     0,   139,
       0,    35,    36,    37,     0,     0,   110,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,   111,
     112,     0,   113,   114,   115,   116,   117,   118,   119,    14,
      15,     0,    16,     0,     0,     0,     0,     0,     0,    18,
      19,     0,    20,     0,    21,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,   120,     0,    29,
       0,    30,    31,     0,     0,    32,    33,    58,   109,    59,
       0,     0,     0,    35,    36,    37,     0,     0,   110,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,   111,   112,     0,   113,   114,   115,   116,   117,   118,
     119,    14,    15,     0,    16,     0,     0,     0,     0,     0,
       0,    18,    19,     0,    20,     0,    21,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,     0,   120,
     273,    29,     0,    30,    31,     0,     0,    32,    33,    58,
     109,    59,     0,   280,     0,    35,    36,    37,     0,     0,
     110,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,   111,   112,     0,   113,   114,   115,   116,
     117,   118,   119,    14,    15,     0,    16,     0,     0,     0,
       0,     0,     0,    18,    19,     0,    20,     0,    21,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,    22,     0,     0,     0,
       0,     0,     0,     0,    23,    24,    25,    26,    27,    28,
       0,   120,     0,    29,     0,    30,    31,     0,     0,    32,
      33,    58,   109,    59,     0,   323,     0,    35,    36,    37,
       0,     0,   110,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,   111,   112,     0,   113,   114,
     115,   116,   117,   118,   119,    14,    15,     0,    16,     0,
       0,     0,     0,     0,     0,    18,    19,     0,    20,     0,
      21,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,    22,     0,
       0,     0,     0,     0,     0,     0,    23,    24,    25,    26,
      27,    28,     0,   120,     0,    29,     0,    30,    31,     0,
       0,    32,    33,    58,   109,    59,     0,   325,     0,    35,
      36,    37,     0,     0,   110,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,   111,   112,     0,
     113,   114,   115,   116,   117,   118,   119,    14,    15,     0,
      16,     0,     0,     0,     0,     0,     0,    18,    19,     0,
      20,     0,    21,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
      22,     0,     0,     0,     0,     0,     0,     0,    23,    24,
      25,    26,    27,    28,     0,   120,     0,    29,     0,    30,
      31,     0,     0,    32,    33,    58,   109,    59,     0,   359,
       0,    35,    36,    37,     0,     0,   110,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,   111,
     112,     0,   113,   114,   115,   116,   117,   118,   119,    14,
      15,     0,    16,     0,     0,     0,     0,     0,     0,    18,
      19,     0,    20,     0,    21,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,   120,     0,    29,
       0,    30,    31,     0,     0,    32,    33,    58,   109,    59,
       0,   361,     0,    35,    36,    37,     0,     0,   110,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,   111,   112,     0,   113,   114,   115,   116,   117,   118,
     119,    14,    15,     0,    16,     0,     0,     0,     0,     0,
       0,    18,    19,     0,    20,     0,    21,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,     0,   120,
       0,    29,     0,    30,    31,     0,     0,    32,    33,     0,
       0,    59,    58,   109,   363,    35,    36,    37,     0,     0,
       0,     0,     0,   110,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,   111,   112,     0,   113,
     114,   115,   116,   117,   118,   119,    14,    15,     0,    16,
       0,     0,     0,     0,     0,     0,    18,    19,     0,    20,
       0,    21,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,    22,
       0,     0,     0,     0,     0,     0,     0,    23,    24,    25,
      26,    27,    28,     0,   120,     0,    29,     0,    30,    31,
       0,     0,    32,    33,    58,   109,    59,     0,   372,     0,
      35,    36,    37,     0,     0,   110,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,   111,   112,
       0,   113,   114,   115,   116,   117,   118,   119,    14,    15,
       0,    16,     0,     0,     0,     0,     0,     0,    18,    19,
       0,    20,     0,    21,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,    22,     0,     0,     0,     0,     0,     0,     0,    23,
      24,    25,    26,    27,    28,     0,   120,     0,    29,     0,
      30,    31,     0,     0,    32,    33,    58,   109,    59,     0,
       0,     0,    35,    36,    37,     0,     0,   110,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
     111,   112,     0,   113,   114,   115,   116,   117,   118,   119,
      14,    15,     0,    16,     0,     0,     0,     0,     0,     0,
      18,    19,     0,    20,     0,    21,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,    22,     0,     0,     0,     0,     0,     0,
       0,    23,    24,    25,    26,    27,    28,    58,   120,     0,
      29,     0,    30,    31,     0,     0,    32,    33,   253,     0,
      59,     0,     0,     0,    35,    36,    37,     0,     0,     0,
       0,   111,   112,     0,   254,   255,     0,   256,   257,   258,
     259,    14,    15,     0,    16,     0,     0,     0,     0,     0,
       0,    18,    19,     0,    20,     0,    21,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,    58,   260,
     338,    29,     0,    30,    31,     0,     0,    32,    33,   253,
       0,    59,     0,     0,     0,    35,    36,    37,     0,     0,
       0,     0,   111,   112,     0,   254,   255,     0,   256,   257,
     258,   259,    14,    15,     0,    16,     0,     0,     0,     0,
       0,     0,    18,    19,     0,    20,     0,    21,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,    22,     0,     0,     0,     0,
       0,     0,     0,    23,    24,    25,    26,    27,    28,     0,
     260,     0,    29,     0,    30,    31,     0,     0,    32,    33,
      58,   109,    59,     0,     0,     0,    35,    36,    37,     0,
       0,   110,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,   111,     0,     0,   113,   114,   115,
     116,   117,   118,   119,    14,    15,     0,    16,     0,     0,
       0,     0,     0,     0,    18,    19,     0,    20,     0,    21,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,    22,     0,     0,
       0,     0,     0,     0,     0,    23,    24,    25,    26,    27,
      28,    58,   109,     0,    29,     0,    30,    31,     0,     0,
      32,    33,   110,     0,    59,     0,     0,     0,    35,    36,
      37,     0,     0,     0,     0,     0,     0,     0,   113,   114,
     115,   116,   117,   118,   119,    14,    15,     0,    16,     0,
       0,     0,     0,     0,     0,    18,    19,     0,    20,     0,
      21,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,    22,     0,
       0,     0,     0,     0,     0,     0,    23,    24,    25,    26,
      27,    28,    58,   -32,     0,    29,     0,    30,    31,     0,
       0,    32,    33,   -32,     0,    59,     0,     0,     0,    35,
      36,    37,     0,     0,     0,     0,     0,     0,     0,   -32,
     -32,   -32,   -32,   -32,   -32,   -32,    14,    15,     0,    16,
       0,     0,     0,     0,     0,     0,    18,    19,     0,    20,
       0,    21,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,    22,
       0,     0,     0,     0,     0,     0,     0,    23,    24,    25,
      26,    27,    28,    58,     0,     0,     0,     0,    30,    31,
       0,     0,    32,    33,   253,     0,    59,     0,     0,     0,
      35,    36,    37,     0,     0,     0,     0,   111,     0,     0,
     254,   255,     0,   256,   257,   258,   259,    14,    15,     0,
      16,     0,     0,     0,     0,     0,     0,    18,    19,     0,
      20,     0,    21,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
      22,     0,     0,     0,     0,     0,     0,    58,    23,    24,
      25,    26,    27,    28,     0,     0,     0,    29,   253,    30,
      31,     0,     0,    32,    33,     0,     0,    59,     0,     0,
       0,    35,    36,    37,   254,   255,     0,   256,   257,   258,
     259,    14,    15,     0,    16,     0,     0,     0,     0,     0,
       0,    18,    19,     0,    20,     0,    21,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,    58,    23,    24,    25,    26,    27,    28,     0,     0,
       0,    29,   -32,    30,    31,     0,     0,    32,    33,     0,
       0,    59,     0,     0,     0,    35,    36,    37,   -32,   -32,
       0,   -32,   -32,   -32,   -32,    14,    15,     0,    16,     0,
       0,     0,     0,     0,     0,    18,    19,     0,    20,    12,
      21,     0,    13,   144,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,    22,     0,
       0,     0,     0,     0,     0,     0,    23,    24,    25,    26,
      27,    28,     0,    14,    15,     0,    16,    30,    31,     0,
       0,    32,    33,    18,    19,    59,    20,     0,    21,    35,
      36,    37,     0,     0,     0,     0,     0,    12,     0,     0,
      13,   152,     0,     0,     0,     0,    22,     0,     0,     0,
       0,     0,     0,     0,    23,    24,    25,    26,    27,    28,
       0,     0,     0,    29,     0,    30,    31,     0,     0,    32,
      33,    14,    15,    34,    16,     0,     0,    35,    36,    37,
       0,    18,    19,     0,    20,    12,    21,     0,    13,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,     0,    14,
      15,    29,    16,    30,    31,     0,     0,    32,    33,    18,
      19,    34,    20,     0,    21,    35,    36,    37,     0,     0,
       0,     0,     0,    58,     0,     0,    13,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,     0,     0,    29,
       0,    30,    31,     0,     0,    32,    33,    14,    15,    34,
      16,     0,     0,    35,    36,    37,     0,    18,    19,     0,
      20,   179,    21,     0,    13,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
      22,     0,     0,     0,     0,     0,     0,     0,    23,    24,
      25,    26,    27,    28,     0,    14,    15,    29,    16,    30,
      31,     0,     0,    32,    33,    18,    19,    34,    20,    58,
      21,    35,    36,    37,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,    22,     0,
       0,     0,     0,     0,     0,     0,    23,    24,    25,    26,
      27,    28,     0,    14,    15,    29,    16,    30,    31,     0,
       0,    32,    33,    18,    19,    34,    20,     0,    21,    35,
      36,    37,     0,     0,     0,     0,     0,   210,     0,     0,
       0,     0,     0,     0,     0,     0,    22,   299,     0,     0,
      13,     0,     0,     0,    23,    24,    25,    26,    27,    28,
       0,     0,     0,    29,     0,    30,    31,     0,     0,    32,
      33,     0,     0,    59,     0,     0,     0,    35,    36,    37,
       0,    14,    15,     0,    16,     0,     0,     0,     0,     0,
       0,    18,    19,     0,    20,    58,    21,     0,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,     0,     0,    22,     0,     0,     0,     0,     0,
       0,     0,    23,    24,    25,    26,    27,    28,     0,    14,
      15,    29,    16,    30,    31,     0,     0,    32,    33,    18,
      19,    34,    20,     0,    21,    35,    36,    37,     0,     0,
       0,     0,     0,     0,     0,     0,     0,     0,     0,     0,
       0,     0,    22,     0,     0,     0,     0,     0,     0,     0,
      23,    24,    25,    26,    27,    28,     0,     0,     0,    29,
       0,    30,    31,     0,     0,    32,    33,     0,     0,    59,
       0,     0,     0,    35,    36,    37
};

static const yytype_int16 yycheck[] =
{
      16,   179,     9,     5,    82,    15,    10,     9,    10,     9,
     110,   111,    16,    29,    52,    53,    32,    33,    34,    35,
      36,    37,    46,   168,   348,    85,    42,    70,   106,   244,
      13,   246,    67,    68,   106,    15,    10,    39,    54,    46,
       9,     0,    16,    59,    84,    18,   370,    87,    10,    12,
      90,    91,   110,    69,    94,    38,    70,    19,    41,   119,
      11,    99,   102,    87,    98,    89,   124,   110,   111,   107,
     104,     9,    45,     9,    92,    12,    14,    46,    14,    10,
      87,    88,    89,   161,   100,   101,     9,    87,    19,   161,
      12,    14,   102,   103,   104,   105,   110,   111,    10,   109,
     135,    10,   136,   137,    16,   112,   108,    16,   168,    12,
     126,   127,   128,   129,   130,   131,    10,    10,    87,   334,
      89,   299,    16,    16,   104,   105,   166,    10,    11,   109,
     146,   147,   172,   149,   150,    34,    12,    10,    12,   155,
     156,   157,   176,    16,   178,    10,    87,   362,     9,    90,
     166,    16,    12,    14,    12,   189,   172,   191,    93,   374,
      12,    18,    43,   223,   180,    43,   109,     9,    46,    12,
      96,    12,   230,   231,    12,   235,     9,   193,   194,    45,
     196,   197,   198,   199,   200,   201,    15,   203,     9,   205,
      87,   207,   208,    18,   210,   253,    80,    10,    14,   259,
       9,   217,   101,   348,   239,     9,   222,    12,   224,    87,
      88,    89,   290,    16,    46,   249,    16,    45,   290,    16,
     100,    16,    16,    16,    41,   370,   190,    -1,   244,   108,
     246,   291,    -1,    -1,   112,    -1,    -1,   253,   254,   255,
     256,   257,   258,    -1,   260,   261,   262,    -1,   264,   265,
     266,   267,   268,    -1,   332,    87,    88,    89,    -1,    -1,
     332,    -1,    -1,   279,    -1,    -1,   180,   283,   270,   285,
     328,    -1,   288,    -1,    -1,    -1,   336,    -1,   316,    -1,
     112,    -1,    -1,    -1,   300,   363,   302,   303,   304,   305,
     306,   363,   308,   309,   310,   311,    -1,    16,    -1,   315,
      -1,   317,   318,   319,    -1,   339,   344,    -1,    -1,    -1,
      -1,    -1,    -1,    32,    33,    34,    -1,    -1,    37,    -1,
     322,    -1,   338,    42,   358,   341,    -1,   343,    -1,   345,
     364,   347,   372,   349,   180,    54,    -1,    -1,   354,   373,
      59,    -1,    -1,    -1,   378,    -1,    -1,    -1,    -1,   365,
      69,    -1,    -1,    -1,   253,   254,   255,   256,   257,   258,
      -1,   260,   261,   262,    -1,   264,    -1,    -1,    -1,   268,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,   100,   101,    -1,    -1,    -1,   300,    -1,   302,   303,
     304,   305,   306,    -1,   308,   309,   310,   311,    -1,    -1,
      -1,   315,    -1,    -1,    -1,    -1,    -1,   126,   127,   128,
     129,   130,   131,    -1,   253,   254,   255,   256,   257,   258,
      -1,   260,   261,   262,    -1,   264,    -1,   146,   147,   268,
     149,   150,    -1,    -1,    -1,    -1,   155,   156,   157,   338,
     354,    -1,    -1,    -1,    -1,    -1,    -1,   166,    -1,    -1,
      -1,    -1,    -1,   172,   300,    -1,   302,   303,   304,   305,
     306,   180,   308,   309,   310,   311,    -1,    -1,    -1,   315,
      -1,    -1,    -1,    -1,    -1,   194,    -1,   196,   197,   198,
     199,   200,   201,    -1,   203,    -1,   205,    -1,   207,   208,
      -1,   210,    -1,    -1,    -1,    -1,    -1,    -1,   217,   338,
      -1,    -1,    -1,   222,    -1,   224,    -1,    -1,   354,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,   244,    -1,   246,    -1,    -1,
      -1,    -1,    -1,    -1,   253,   254,   255,   256,   257,   258,
      -1,   260,   261,   262,    -1,   264,   265,   266,   267,   268,
       5,    -1,    -1,    -1,    -1,    -1,    -1,    12,    -1,    -1,
     279,    -1,    -1,    -1,   283,    -1,   285,    -1,    -1,   288,
      -1,    -1,    -1,    -1,    -1,    -1,    54,    55,    -1,    -1,
      -1,   300,    -1,   302,   303,   304,   305,   306,    -1,   308,
     309,   310,   311,    -1,    -1,    -1,   315,    -1,   317,   318,
     319,    -1,    57,    58,    -1,    -1,    -1,    -1,    -1,    -1,
      65,    66,    67,    68,    -1,    -1,    71,    72,    -1,   338,
      -1,    -1,    -1,    -1,    -1,    -1,   345,    -1,   347,    -1,
     349,    -1,    87,    -1,    -1,   354,    -1,    -1,    -1,    94,
      -1,    -1,    -1,    -1,    -1,    -1,   365,    -1,    -1,    -1,
      -1,    -1,    -1,   108,    -1,   110,    -1,    -1,   113,   114,
     115,   116,   117,   118,    -1,   120,   121,   122,    -1,   124,
      -1,   149,   150,    -1,    -1,    -1,    -1,   132,   156,   157,
     135,    -1,    -1,    -1,    -1,   140,    -1,   142,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,     0,     1,   181,    -1,    -1,    -1,    -1,     7,     8,
       9,    -1,    11,    12,   169,    14,    15,    -1,    -1,   174,
      -1,    -1,    -1,    -1,   179,    -1,    -1,    -1,    -1,    -1,
     208,   209,    -1,    -1,    -1,   190,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    46,    47,    -1,
      49,   229,    -1,    -1,    -1,    -1,    55,    56,    57,    -1,
      59,    -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,   227,    -1,   252,   230,   231,    -1,    -1,    -1,
      79,   236,    -1,    -1,   239,    -1,    -1,    -1,    87,    88,
      89,    90,    91,    92,    -1,    -1,    -1,    96,    -1,    98,
      99,    -1,    -1,   102,   103,    -1,    -1,   106,    -1,   287,
     288,   110,   111,   112,    -1,    -1,    -1,    -1,   273,   274,
     275,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,     1,    -1,    -1,
     318,   319,    -1,    -1,   299,     9,    -1,    11,    12,    -1,
      14,    15,    -1,    -1,    -1,    -1,    -1,    -1,    -1,   337,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,   328,    -1,   330,    -1,    -1,   333,    -1,
      -1,    -1,    46,    47,    48,    49,    50,    51,    52,    53,
      54,    -1,    56,    57,    58,    59,   351,    61,    62,    63,
      -1,    -1,    -1,    -1,    -1,    -1,     1,    -1,    -1,    -1,
      -1,    -1,    -1,    77,    78,    79,    11,    12,    -1,    14,
      15,    -1,    17,    87,    88,    89,    90,    91,    92,    -1,
      -1,    -1,    96,    97,    98,    99,   100,    -1,   102,   103,
      -1,    -1,   106,    -1,    -1,    -1,   110,   111,   112,    -1,
      -1,    46,    47,    48,    49,    50,    51,    52,    53,    54,
      -1,    56,    57,    58,    59,    -1,    61,    62,    63,    -1,
      -1,    -1,    -1,    -1,    -1,     1,    -1,    -1,    -1,    -1,
      -1,    -1,    77,    78,    79,    11,    12,    -1,    14,    15,
      -1,    17,    87,    88,    89,    90,    91,    92,    -1,    -1,
      -1,    96,    97,    98,    99,   100,    -1,   102,   103,    -1,
      -1,   106,    -1,    -1,    -1,   110,   111,   112,    -1,    -1,
      46,    47,    48,    49,    50,    51,    52,    53,    54,    -1,
      56,    57,    58,    59,    -1,    61,    62,    63,    -1,    -1,
      -1,    -1,    -1,    -1,     1,    -1,    -1,    -1,    -1,    -1,
      -1,    77,    78,    79,    11,    12,    -1,    14,    15,    -1,
      17,    87,    88,    89,    90,    91,    92,    -1,    -1,    -1,
      96,    97,    98,    99,   100,    -1,   102,   103,    -1,    -1,
     106,    -1,    -1,    -1,   110,   111,   112,    -1,    -1,    46,
      47,    48,    49,    50,    51,    52,    53,    54,    -1,    56,
      57,    58,    59,    -1,    61,    62,    63,    -1,    -1,    -1,
      -1,    -1,    -1,     1,    -1,    -1,    -1,    -1,    -1,    -1,
      77,    78,    79,    11,    12,    -1,    14,    15,    -1,    17,
      87,    88,    89,    90,    91,    92,    -1,    -1,    -1,    96,
      97,    98,    99,   100,    -1,   102,   103,    -1,    -1,   106,
      -1,    -1,    -1,   110,   111,   112,    -1,    -1,    46,    47,
      48,    49,    50,    51,    52,    53,    54,    -1,    56,    57,
      58,    59,    -1,    61,    62,    63,    -1,    -1,    -1,    -1,
      -1,    -1,     1,    -1,    -1,    -1,    -1,    -1,    -1,    77,
      78,    79,    11,    12,    -1,    14,    15,    -1,    17,    87,
      88,    89,    90,    91,    92,    -1,    -1,    -1,    96,    97,
      98,    99,   100,    -1,   102,   103,    -1,    -1,   106,    -1,
      -1,    -1,   110,   111,   112,    -1,    -1,    46,    47,    48,
      49,    50,    51,    52,    53,    54,    -1,    56,    57,    58,
      59,    -1,    61,    62,    63,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,     1,    -1,    -1,    -1,    -1,    77,    78,
      79,     9,    -1,    11,    12,    -1,    14,    15,    87,    88,
      89,    90,    91,    92,    -1,    -1,    -1,    96,    97,    98,
      99,   100,    -1,   102,   103,    -1,    -1,   106,    -1,    -1,
      -1,   110,   111,   112,    -1,    -1,    -1,    -1,    46,    47,
      48,    49,    50,    51,    52,    53,    54,    -1,    56,    57,
      58,    59,    -1,    61,    62,    63,    -1,    -1,    -1,    -1,
      -1,    -1,     1,    -1,    -1,    -1,    -1,    -1,    -1,    77,
      78,    79,    11,    12,    -1,    14,    15,    -1,    17,    87,
      88,    89,    90,    91,    92,    -1,    -1,    -1,    96,    97,
      98,    99,   100,    -1,   102,   103,    -1,    -1,   106,    -1,
      -1,    -1,   110,   111,   112,    -1,    -1,    46,    47,    48,
      49,    50,    51,    52,    53,    54,    -1,    56,    57,    58,
      59,    -1,    61,    62,    63,    -1,    -1,    -1,    -1,    -1,
      -1,     1,    -1,    -1,    -1,    -1,    -1,    -1,    77,    78,
      79,    11,    12,    -1,    14,    15,    -1,    17,    87,    88,
      89,    90,    91,    92,    -1,    -1,    -1,    96,    97,    98,
      99,   100,    -1,   102,   103,    -1,    -1,   106,    -1,    -1,
      -1,   110,   111,   112,    -1,    -1,    46,    47,    48,    49,
      50,    51,    52,    53,    54,    -1,    56,    57,    58,    59,
      -1,    61,    62,    63,    -1,    -1,    -1,    -1,    -1,    -1,
       1,    -1,    -1,    -1,    -1,    -1,    -1,    77,    78,    79,
      11,    12,    -1,    14,    15,    -1,    -1,    87,    88,    89,
      90,    91,    92,    -1,    -1,    -1,    96,    97,    98,    99,
     100,    -1,   102,   103,    -1,    -1,   106,    -1,    -1,    -1,
     110,   111,   112,    -1,    -1,    46,    47,    48,    49,    50,
      51,    52,    53,    54,    -1,    56,    57,    58,    59,    -1,
      61,    62,    63,    -1,    -1,    -1,    -1,    -1,     1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    77,    78,    79,    12,
      -1,    14,    15,    -1,    -1,    -1,    87,    88,    89,    90,
      91,    92,    -1,    -1,    -1,    96,    97,    98,    99,   100,
      -1,   102,   103,    -1,    -1,   106,    -1,    -1,    -1,   110,
     111,   112,    -1,    46,    47,    -1,    49,    -1,    51,    -1,
      -1,    -1,    -1,    56,    57,    -1,    59,    -1,    61,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,     1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    77,    78,    79,    12,    -1,    -1,
      15,    16,    -1,    -1,    87,    88,    89,    90,    91,    92,
      -1,    -1,    -1,    96,    -1,    98,    99,    -1,    -1,   102,
     103,    -1,    -1,   106,    -1,    -1,    -1,   110,   111,   112,
      -1,    46,    47,    -1,    49,    -1,    51,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,
       7,     8,    -1,    -1,    11,    12,    -1,    -1,    15,    -1,
      -1,    -1,    77,    78,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    -1,    -1,
      -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,    46,
      47,   106,    49,    -1,    -1,   110,   111,   112,    55,    56,
      57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    -1,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,     9,    -1,   106,
      12,    13,    14,   110,   111,   112,    -1,    -1,    -1,    -1,
      -1,    23,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    36,    37,    -1,    39,    40,    41,
      42,    43,    44,    45,    46,    47,    -1,    49,    -1,    -1,
      -1,    -1,    -1,    -1,    56,    57,    -1,    59,    -1,    61,
      -1,    -1,    -1,    -1,    -1,     9,    -1,    -1,    12,    -1,
      14,    15,    -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,
      92,    -1,    94,    -1,    96,    -1,    98,    99,    -1,    -1,
     102,   103,    46,    47,   106,    49,    -1,    -1,   110,   111,
     112,    -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,
      -1,    -1,    -1,     9,    -1,    -1,    12,    -1,    -1,    15,
      -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    87,    88,    89,    90,    91,    92,    -1,
      -1,    -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,
      46,    47,   106,    49,    -1,    -1,   110,   111,   112,    -1,
      56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,
      -1,     9,    -1,    -1,    12,    -1,    -1,    15,    -1,    -1,
      -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    87,    88,    89,    90,    91,    92,    -1,    -1,    -1,
      96,    -1,    98,    99,    -1,    -1,   102,   103,    46,    47,
     106,    49,    -1,    -1,   110,   111,   112,    -1,    56,    57,
      -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,     9,
      -1,    -1,    12,    -1,    -1,    15,    -1,    -1,    -1,    -1,
      -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,
      88,    89,    90,    91,    92,    -1,    -1,    -1,    96,    -1,
      98,    99,    -1,    -1,   102,   103,    46,    47,   106,    49,
      -1,    -1,   110,   111,   112,    -1,    56,    57,    -1,    59,
      -1,    61,    -1,    -1,    -1,    -1,    -1,     9,    -1,    -1,
      12,    -1,    -1,    15,    -1,    -1,    -1,    -1,    -1,    79,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,
      90,    91,    92,    -1,    -1,    -1,    96,    -1,    98,    99,
      -1,    -1,   102,   103,    46,    47,   106,    49,    -1,    -1,
     110,   111,   112,    -1,    56,    57,    -1,    59,    -1,    61,
      -1,    -1,    -1,    -1,    -1,     9,    -1,    -1,    12,    -1,
      -1,    15,    -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,
      92,    -1,    -1,    -1,    96,    -1,    98,    99,    -1,    -1,
     102,   103,    46,    47,   106,    49,    -1,    -1,   110,   111,
     112,    -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,
      -1,    -1,    -1,     9,    -1,    -1,    12,    -1,    -1,    15,
      -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    87,    88,    89,    90,    91,    92,    -1,
      -1,    -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,
      46,    47,   106,    49,    -1,    -1,   110,   111,   112,    -1,
      56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    87,    88,    89,    90,    91,    92,    -1,    -1,    -1,
      96,    -1,    98,    99,    -1,    -1,   102,   103,    -1,    -1,
     106,    -1,    -1,    -1,   110,   111,   112,    10,    -1,    12,
      13,    -1,    -1,    16,    -1,    -1,    -1,    -1,    -1,    -1,
      23,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    36,    37,    -1,    39,    40,    41,    42,
      43,    44,    45,    46,    47,    -1,    49,    -1,    -1,    -1,
      -1,    -1,    -1,    56,    57,    -1,    59,    -1,    61,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,    92,
      -1,    94,    -1,    96,    -1,    98,    99,    -1,    -1,   102,
     103,    -1,    -1,   106,    -1,    -1,    -1,   110,   111,   112,
      10,    -1,    12,    13,    -1,    -1,    16,    -1,    -1,    -1,
      -1,    -1,    -1,    23,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    36,    37,    -1,    39,
      40,    41,    42,    43,    44,    45,    46,    47,    -1,    49,
      -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,
      -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,
      90,    91,    92,    -1,    94,    -1,    96,    -1,    98,    99,
      -1,    -1,   102,   103,    -1,    -1,   106,    -1,    -1,    -1,
     110,   111,   112,    10,    -1,    12,    13,    -1,    -1,    16,
      -1,    -1,    -1,    -1,    -1,    -1,    23,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,
      37,    -1,    39,    40,    41,    42,    43,    44,    45,    46,
      47,    -1,    49,    -1,    -1,    -1,    -1,    -1,    -1,    56,
      57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    94,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,    -1,    -1,   106,
      -1,    -1,    -1,   110,   111,   112,    10,    -1,    12,    13,
      -1,    -1,    16,    -1,    -1,    -1,    -1,    -1,    -1,    23,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    36,    37,    -1,    39,    40,    41,    42,    43,
      44,    45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,
      -1,    -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    87,    88,    89,    90,    91,    92,    -1,
      94,    -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,
      -1,    10,   106,    12,    13,    -1,   110,   111,   112,    -1,
      -1,    -1,    -1,    -1,    23,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,    37,    -1,
      39,    40,    41,    42,    43,    44,    45,    46,    47,    -1,
      49,    -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,
      59,    -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,
      89,    90,    91,    92,    -1,    94,    -1,    96,    -1,    98,
      99,    -1,    -1,   102,   103,    12,    13,   106,    -1,    16,
      -1,   110,   111,   112,    -1,    -1,    23,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,
      37,    -1,    39,    40,    41,    42,    43,    44,    45,    46,
      47,    -1,    49,    -1,    -1,    -1,    -1,    -1,    -1,    56,
      57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    94,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,    12,    13,   106,
      -1,    -1,    -1,   110,   111,   112,    -1,    -1,    23,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    36,    37,    -1,    39,    40,    41,    42,    43,    44,
      45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    -1,    94,
      95,    96,    -1,    98,    99,    -1,    -1,   102,   103,    12,
      13,   106,    -1,    16,    -1,   110,   111,   112,    -1,    -1,
      23,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    36,    37,    -1,    39,    40,    41,    42,
      43,    44,    45,    46,    47,    -1,    49,    -1,    -1,    -1,
      -1,    -1,    -1,    56,    57,    -1,    59,    -1,    61,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,    92,
      -1,    94,    -1,    96,    -1,    98,    99,    -1,    -1,   102,
     103,    12,    13,   106,    -1,    16,    -1,   110,   111,   112,
      -1,    -1,    23,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    36,    37,    -1,    39,    40,
      41,    42,    43,    44,    45,    46,    47,    -1,    49,    -1,
      -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,    -1,
      61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,
      91,    92,    -1,    94,    -1,    96,    -1,    98,    99,    -1,
      -1,   102,   103,    12,    13,   106,    -1,    16,    -1,   110,
     111,   112,    -1,    -1,    23,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,    37,    -1,
      39,    40,    41,    42,    43,    44,    45,    46,    47,    -1,
      49,    -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,
      59,    -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,
      89,    90,    91,    92,    -1,    94,    -1,    96,    -1,    98,
      99,    -1,    -1,   102,   103,    12,    13,   106,    -1,    16,
      -1,   110,   111,   112,    -1,    -1,    23,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,
      37,    -1,    39,    40,    41,    42,    43,    44,    45,    46,
      47,    -1,    49,    -1,    -1,    -1,    -1,    -1,    -1,    56,
      57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    94,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,    12,    13,   106,
      -1,    16,    -1,   110,   111,   112,    -1,    -1,    23,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    36,    37,    -1,    39,    40,    41,    42,    43,    44,
      45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    -1,    94,
      -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,    -1,
      -1,   106,    12,    13,    14,   110,   111,   112,    -1,    -1,
      -1,    -1,    -1,    23,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    36,    37,    -1,    39,
      40,    41,    42,    43,    44,    45,    46,    47,    -1,    49,
      -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,
      -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,
      90,    91,    92,    -1,    94,    -1,    96,    -1,    98,    99,
      -1,    -1,   102,   103,    12,    13,   106,    -1,    16,    -1,
     110,   111,   112,    -1,    -1,    23,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    36,    37,
      -1,    39,    40,    41,    42,    43,    44,    45,    46,    47,
      -1,    49,    -1,    -1,    -1,    -1,    -1,    -1,    56,    57,
      -1,    59,    -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,
      88,    89,    90,    91,    92,    -1,    94,    -1,    96,    -1,
      98,    99,    -1,    -1,   102,   103,    12,    13,   106,    -1,
      -1,    -1,   110,   111,   112,    -1,    -1,    23,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      36,    37,    -1,    39,    40,    41,    42,    43,    44,    45,
      46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,    -1,
      56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    87,    88,    89,    90,    91,    92,    12,    94,    -1,
      96,    -1,    98,    99,    -1,    -1,   102,   103,    23,    -1,
     106,    -1,    -1,    -1,   110,   111,   112,    -1,    -1,    -1,
      -1,    36,    37,    -1,    39,    40,    -1,    42,    43,    44,
      45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    12,    94,
      95,    96,    -1,    98,    99,    -1,    -1,   102,   103,    23,
      -1,   106,    -1,    -1,    -1,   110,   111,   112,    -1,    -1,
      -1,    -1,    36,    37,    -1,    39,    40,    -1,    42,    43,
      44,    45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,
      -1,    -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    87,    88,    89,    90,    91,    92,    -1,
      94,    -1,    96,    -1,    98,    99,    -1,    -1,   102,   103,
      12,    13,   106,    -1,    -1,    -1,   110,   111,   112,    -1,
      -1,    23,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    36,    -1,    -1,    39,    40,    41,
      42,    43,    44,    45,    46,    47,    -1,    49,    -1,    -1,
      -1,    -1,    -1,    -1,    56,    57,    -1,    59,    -1,    61,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,
      92,    12,    13,    -1,    96,    -1,    98,    99,    -1,    -1,
     102,   103,    23,    -1,   106,    -1,    -1,    -1,   110,   111,
     112,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    39,    40,
      41,    42,    43,    44,    45,    46,    47,    -1,    49,    -1,
      -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,    -1,
      61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,
      91,    92,    12,    13,    -1,    96,    -1,    98,    99,    -1,
      -1,   102,   103,    23,    -1,   106,    -1,    -1,    -1,   110,
     111,   112,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    39,
      40,    41,    42,    43,    44,    45,    46,    47,    -1,    49,
      -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,
      -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,
      90,    91,    92,    12,    -1,    -1,    -1,    -1,    98,    99,
      -1,    -1,   102,   103,    23,    -1,   106,    -1,    -1,    -1,
     110,   111,   112,    -1,    -1,    -1,    -1,    36,    -1,    -1,
      39,    40,    -1,    42,    43,    44,    45,    46,    47,    -1,
      49,    -1,    -1,    -1,    -1,    -1,    -1,    56,    57,    -1,
      59,    -1,    61,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      79,    -1,    -1,    -1,    -1,    -1,    -1,    12,    87,    88,
      89,    90,    91,    92,    -1,    -1,    -1,    96,    23,    98,
      99,    -1,    -1,   102,   103,    -1,    -1,   106,    -1,    -1,
      -1,   110,   111,   112,    39,    40,    -1,    42,    43,    44,
      45,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    -1,    61,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    12,    87,    88,    89,    90,    91,    92,    -1,    -1,
      -1,    96,    23,    98,    99,    -1,    -1,   102,   103,    -1,
      -1,   106,    -1,    -1,    -1,   110,   111,   112,    39,    40,
      -1,    42,    43,    44,    45,    46,    47,    -1,    49,    -1,
      -1,    -1,    -1,    -1,    -1,    56,    57,    -1,    59,    12,
      61,    -1,    15,    16,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,
      91,    92,    -1,    46,    47,    -1,    49,    98,    99,    -1,
      -1,   102,   103,    56,    57,   106,    59,    -1,    61,   110,
     111,   112,    -1,    -1,    -1,    -1,    -1,    12,    -1,    -1,
      15,    16,    -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    87,    88,    89,    90,    91,    92,
      -1,    -1,    -1,    96,    -1,    98,    99,    -1,    -1,   102,
     103,    46,    47,   106,    49,    -1,    -1,   110,   111,   112,
      -1,    56,    57,    -1,    59,    12,    61,    -1,    15,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    -1,    46,
      47,    96,    49,    98,    99,    -1,    -1,   102,   103,    56,
      57,   106,    59,    -1,    61,   110,   111,   112,    -1,    -1,
      -1,    -1,    -1,    12,    -1,    -1,    15,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    -1,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,    46,    47,   106,
      49,    -1,    -1,   110,   111,   112,    -1,    56,    57,    -1,
      59,    12,    61,    -1,    15,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    87,    88,
      89,    90,    91,    92,    -1,    46,    47,    96,    49,    98,
      99,    -1,    -1,   102,   103,    56,    57,   106,    59,    12,
      61,   110,   111,   112,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    79,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    87,    88,    89,    90,
      91,    92,    -1,    46,    47,    96,    49,    98,    99,    -1,
      -1,   102,   103,    56,    57,   106,    59,    -1,    61,   110,
     111,   112,    -1,    -1,    -1,    -1,    -1,    70,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    79,    12,    -1,    -1,
      15,    -1,    -1,    -1,    87,    88,    89,    90,    91,    92,
      -1,    -1,    -1,    96,    -1,    98,    99,    -1,    -1,   102,
     103,    -1,    -1,   106,    -1,    -1,    -1,   110,   111,   112,
      -1,    46,    47,    -1,    49,    -1,    -1,    -1,    -1,    -1,
      -1,    56,    57,    -1,    59,    12,    61,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    87,    88,    89,    90,    91,    92,    -1,    46,
      47,    96,    49,    98,    99,    -1,    -1,   102,   103,    56,
      57,   106,    59,    -1,    61,   110,   111,   112,    -1,    -1,
      -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      -1,    -1,    79,    -1,    -1,    -1,    -1,    -1,    -1,    -1,
      87,    88,    89,    90,    91,    92,    -1,    -1,    -1,    96,
      -1,    98,    99,    -1,    -1,   102,   103,    -1,    -1,   106,
      -1,    -1,    -1,   110,   111,   112
};

/* YYSTOS[STATE-NUM] -- The symbol kind of the accessing symbol of
   state STATE-NUM.  */
static const yytype_uint8 yystos[] =
{
       0,     1,     9,    14,   115,   130,   132,   144,     0,     7,
       8,    11,    12,    15,    46,    47,    49,    55,    56,    57,
      59,    61,    79,    87,    88,    89,    90,    91,    92,    96,
      98,    99,   102,   103,   106,   110,   111,   112,   127,   133,
     134,   136,   139,   146,   147,   157,   158,   159,   160,   162,
       9,    14,   127,   127,   139,   140,   148,    12,    12,   106,
     159,   160,    87,    90,   125,    12,    12,    12,    12,    43,
     160,    12,    12,   159,   159,   146,   159,   160,   160,   159,
       1,     9,    14,    48,    50,    51,    52,    53,    54,    58,
      62,    63,    77,    78,    97,   100,   119,   121,   126,   127,
     139,   143,   150,   152,   156,   163,    10,   127,   130,    13,
      23,    36,    37,    39,    40,    41,    42,    43,    44,    45,
      94,   116,   117,   159,    12,    92,    15,   102,   103,   104,
     105,   109,    70,   110,   111,    18,   156,   156,    10,    16,
     118,    16,   118,    93,    16,   137,   139,   139,    12,   139,
     139,   137,    16,   137,   159,    43,   139,   139,     9,   128,
     129,    14,   128,   151,   151,   162,   139,   151,    12,    12,
     151,   151,   139,   151,    12,     9,   153,   152,   156,    12,
     138,   141,   142,   146,   159,   160,   151,    17,   152,   155,
     129,   156,   134,    96,   139,   147,   139,   139,   139,   139,
     139,   139,   162,   139,     9,   139,     9,   139,   139,   147,
      70,   159,   159,   159,   159,   159,   159,   139,   137,    17,
      17,     9,   139,    45,   139,    15,    16,   118,    87,   161,
     118,   118,    16,    16,   159,   118,   118,     9,   129,    18,
     151,   131,   150,   162,   139,   151,   139,   152,    80,   120,
      17,   145,   140,    23,    39,    40,    42,    43,    44,    45,
      94,   116,   117,   159,   118,    13,    38,    41,    70,   152,
     133,    17,   160,    95,   118,   118,   159,    19,   162,   139,
      16,   118,   149,   139,   147,   139,   147,   162,   139,   137,
      14,    45,   149,   149,   154,     9,   152,     9,    16,    12,
     138,   147,   138,   138,   138,   138,   138,   162,   138,   138,
     138,   138,   159,   159,   159,   138,   127,   139,   139,   139,
      87,     9,   135,    16,    16,    16,    16,    16,   118,    16,
     118,    19,    14,   129,   162,   100,    45,   140,    95,   156,
      16,   118,    16,   118,   127,   139,   147,   139,   129,   139,
     149,    12,   162,    16,   138,    17,   160,   160,   156,    16,
      16,    16,   131,    14,   124,   139,    16,    16,    17,   149,
     129,   152,    16,   123,   131,   151,   152,   149,   122,   152
};

/* YYR1[RULE-NUM] -- Symbol kind of the left-hand side of rule RULE-NUM.  */
static const yytype_uint8 yyr1[] =
{
       0,   114,   115,   115,   116,   116,   117,   117,   118,   118,
     119,   119,   120,   120,   122,   121,   123,   121,   124,   121,
     125,   125,   126,   127,   127,   128,   128,   129,   129,   130,
     130,   131,   131,   132,   132,   133,   134,   134,   134,   134,
     134,   134,   134,   135,   134,   136,   136,   137,   137,   138,
     138,   138,   138,   138,   138,   138,   138,   138,   138,   138,
     138,   138,   138,   138,   138,   139,   139,   139,   139,   139,
     139,   139,   139,   139,   139,   139,   139,   139,   139,   139,
     139,   139,   139,   139,   140,   140,   141,   141,   142,   142,
     142,   143,   143,   144,   144,   144,   144,   145,   145,   146,
     146,   148,   147,   149,   149,   150,   150,   150,   150,   150,
     150,   150,   150,   151,   151,   152,   152,   153,   154,   152,
     152,   152,   152,   152,   152,   152,   152,   152,   152,   152,
     152,   155,   152,   152,   156,   156,   157,   157,   158,   158,
     159,   159,   159,   159,   159,   159,   159,   159,   159,   159,
     159,   159,   159,   159,   159,   159,   159,   159,   159,   159,
     159,   159,   159,   159,   159,   159,   159,   159,   159,   159,
     159,   159,   159,   159,   159,   159,   159,   159,   159,   159,
     159,   159,   160,   160,   160,   160,   161,   161,   161,   162,
     162,   162,   163
};

/* YYR2[RULE-NUM] -- Number of symbols on the right-hand side of rule RULE-NUM.  */
static const yytype_int8 yyr2[] =
{
       0,     2,     1,     1,     1,     2,     1,     2,     1,     2,
       1,     2,     1,     2,     0,    12,     0,    10,     0,     8,
       1,     1,     4,     1,     2,     1,     2,     0,     1,     0,
       1,     0,     1,     1,     3,     1,     1,     4,     4,     7,
       3,     4,     4,     0,     9,     1,     3,     1,     3,     3,
       5,     3,     3,     3,     3,     3,     3,     3,     3,     3,
       3,     5,     2,     1,     1,     3,     5,     3,     3,     3,
       3,     3,     3,     3,     3,     3,     3,     3,     5,     4,
       3,     2,     1,     1,     3,     3,     1,     3,     0,     1,
       3,     1,     1,     1,     1,     2,     2,     1,     2,     1,
       2,     0,     4,     1,     2,     4,     4,     4,     2,     5,
       2,     1,     1,     1,     2,     2,     2,     0,     0,     9,
       3,     2,     1,     4,     2,     3,     2,     2,     3,     2,
       2,     0,     3,     2,     1,     2,     1,     1,     1,     2,
       4,     3,     3,     3,     3,     3,     3,     2,     2,     2,
       3,     4,     1,     3,     4,     2,     2,     2,     2,     2,
       4,     3,     2,     1,     6,     6,     3,     6,     6,     1,
       8,     8,     6,     4,     1,     6,     6,     8,     8,     8,
       6,     1,     1,     4,     1,     2,     0,     1,     3,     1,
       1,     1,     4
};


enum { YYENOMEM = -2 };

#define yyerrok         (yyerrstatus = 0)
#define yyclearin       (yychar = YYEMPTY)

#define YYACCEPT        goto yyacceptlab
#define YYABORT         goto yyabortlab
#define YYERROR         goto yyerrorlab
#define YYNOMEM         goto yyexhaustedlab


#define YYRECOVERING()  (!!yyerrstatus)

#define YYBACKUP(Token, Value)                                    \
  do                                                              \
    if (yychar == YYEMPTY)                                        \
      {                                                           \
        yychar = (Token);                                         \
        yylval = (Value);                                         \
        YYPOPSTACK (yylen);                                       \
        yystate = *yyssp;                                         \
        goto yybackup;                                            \
      }                                                           \
    else                                                          \
      {                                                           \
        yyerror (YY_("syntax error: cannot back up")); \
        YYERROR;                                                  \
      }                                                           \
  while (0)

/* Backward compatibility with an undocumented macro.
   Use YYerror or YYUNDEF. */
#define YYERRCODE YYUNDEF


/* Enable debugging if requested.  */
#if YYDEBUG

# ifndef YYFPRINTF
#  include <stdio.h> /* INFRINGES ON USER NAME SPACE */
#  define YYFPRINTF fprintf
# endif

# define YYDPRINTF(Args)                        \
do {                                            \
  if (yydebug)                                  \
    YYFPRINTF Args;                             \
} while (0)




# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)                    \
do {                                                                      \
  if (yydebug)                                                            \
    {                                                                     \
      YYFPRINTF (stderr, "%s ", Title);                                   \
      yy_symbol_print (stderr,                                            \
                  Kind, Value); \
      YYFPRINTF (stderr, "\n");                                           \
    }                                                                     \
} while (0)


/*-----------------------------------.
| Print this symbol's value on YYO.  |
`-----------------------------------*/

static void
yy_symbol_value_print (FILE *yyo,
                       yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep)
{
  FILE *yyoutput = yyo;
  YY_USE (yyoutput);
  if (!yyvaluep)
    return;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}


/*---------------------------.
| Print this symbol on YYO.  |
`---------------------------*/

static void
yy_symbol_print (FILE *yyo,
                 yysymbol_kind_t yykind, YYSTYPE const * const yyvaluep)
{
  YYFPRINTF (yyo, "%s %s (",
             yykind < YYNTOKENS ? "token" : "nterm", yysymbol_name (yykind));

  yy_symbol_value_print (yyo, yykind, yyvaluep);
  YYFPRINTF (yyo, ")");
}

/*------------------------------------------------------------------.
| yy_stack_print -- Print the state stack from its BOTTOM up to its |
| TOP (included).                                                   |
`------------------------------------------------------------------*/

static void
yy_stack_print (yy_state_t *yybottom, yy_state_t *yytop)
{
  YYFPRINTF (stderr, "Stack now");
  for (; yybottom <= yytop; yybottom++)
    {
      int yybot = *yybottom;
      YYFPRINTF (stderr, " %d", yybot);
    }
  YYFPRINTF (stderr, "\n");
}

# define YY_STACK_PRINT(Bottom, Top)                            \
do {                                                            \
  if (yydebug)                                                  \
    yy_stack_print ((Bottom), (Top));                           \
} while (0)


/*------------------------------------------------.
| Report that the YYRULE is going to be reduced.  |
`------------------------------------------------*/

static void
yy_reduce_print (yy_state_t *yyssp, YYSTYPE *yyvsp,
                 int yyrule)
{
  int yylno = yyrline[yyrule];
  int yynrhs = yyr2[yyrule];
  int yyi;
  YYFPRINTF (stderr, "Reducing stack by rule %d (line %d):\n",
             yyrule - 1, yylno);
  /* The symbols being reduced.  */
  for (yyi = 0; yyi < yynrhs; yyi++)
    {
      YYFPRINTF (stderr, "   $%d = ", yyi + 1);
      yy_symbol_print (stderr,
                       YY_ACCESSING_SYMBOL (+yyssp[yyi + 1 - yynrhs]),
                       &yyvsp[(yyi + 1) - (yynrhs)]);
      YYFPRINTF (stderr, "\n");
    }
}

# define YY_REDUCE_PRINT(Rule)          \
do {                                    \
  if (yydebug)                          \
    yy_reduce_print (yyssp, yyvsp, Rule); \
} while (0)

/* Nonzero means print parse trace.  It is left uninitialized so that
   multiple parsers can coexist.  */
int yydebug;
#else /* !YYDEBUG */
# define YYDPRINTF(Args) ((void) 0)
# define YY_SYMBOL_PRINT(Title, Kind, Value, Location)
# define YY_STACK_PRINT(Bottom, Top)
# define YY_REDUCE_PRINT(Rule)
#endif /* !YYDEBUG */


/* YYINITDEPTH -- initial size of the parser's stacks.  */
#ifndef YYINITDEPTH
# define YYINITDEPTH 200
#endif

/* YYMAXDEPTH -- maximum size the stacks can grow to (effective only
   if the built-in stack extension method is used).

   Do not make this value too large; the results are undefined if
   YYSTACK_ALLOC_MAXIMUM < YYSTACK_BYTES (YYMAXDEPTH)
   evaluated with infinite-precision integer arithmetic.  */

#ifndef YYMAXDEPTH
# define YYMAXDEPTH 10000
#endif






/*-----------------------------------------------.
| Release the memory associated to this symbol.  |
`-----------------------------------------------*/

static void
yydestruct (const char *yymsg,
            yysymbol_kind_t yykind, YYSTYPE *yyvaluep)
{
  YY_USE (yyvaluep);
  if (!yymsg)
    yymsg = "Deleting";
  YY_SYMBOL_PRINT (yymsg, yykind, yyvaluep, yylocationp);

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  YY_USE (yykind);
  YY_IGNORE_MAYBE_UNINITIALIZED_END
}


/* Lookahead token kind.  */
int yychar;

/* The semantic value of the lookahead symbol.  */
YYSTYPE yylval;
/* Number of syntax errors so far.  */
int yynerrs;




/*----------.
| yyparse.  |
`----------*/

int
yyparse (void)
{
    yy_state_fast_t yystate = 0;
    /* Number of tokens to shift before error messages enabled.  */
    int yyerrstatus = 0;

    /* Refer to the stacks through separate pointers, to allow yyoverflow
       to reallocate them elsewhere.  */

    /* Their size.  */
    YYPTRDIFF_T yystacksize = YYINITDEPTH;

    /* The state stack: array, bottom, top.  */
    yy_state_t yyssa[YYINITDEPTH];
    yy_state_t *yyss = yyssa;
    yy_state_t *yyssp = yyss;

    /* The semantic value stack: array, bottom, top.  */
    YYSTYPE yyvsa[YYINITDEPTH];
    YYSTYPE *yyvs = yyvsa;
    YYSTYPE *yyvsp = yyvs;

  int yyn;
  /* The return value of yyparse.  */
  int yyresult;
  /* Lookahead symbol kind.  */
  yysymbol_kind_t yytoken = YYSYMBOL_YYEMPTY;
  /* The variables used to return semantic value and location from the
     action routines.  */
  YYSTYPE yyval;



#define YYPOPSTACK(N)   (yyvsp -= (N), yyssp -= (N))

  /* The number of symbols on the RHS of the reduced rule.
     Keep to zero when no symbol should be popped.  */
  int yylen = 0;

  YYDPRINTF ((stderr, "Starting parse\n"));

  yychar = YYEMPTY; /* Cause a token to be read.  */

  goto yysetstate;


/*------------------------------------------------------------.
| yynewstate -- push a new state, which is found in yystate.  |
`------------------------------------------------------------*/
yynewstate:
  /* In all cases, when you get here, the value and location stacks
     have just been pushed.  So pushing a state here evens the stacks.  */
  yyssp++;


/*--------------------------------------------------------------------.
| yysetstate -- set current state (the top of the stack) to yystate.  |
`--------------------------------------------------------------------*/
yysetstate:
  YYDPRINTF ((stderr, "Entering state %d\n", yystate));
  YY_ASSERT (0 <= yystate && yystate < YYNSTATES);
  YY_IGNORE_USELESS_CAST_BEGIN
  *yyssp = YY_CAST (yy_state_t, yystate);
  YY_IGNORE_USELESS_CAST_END
  YY_STACK_PRINT (yyss, yyssp);

  if (yyss + yystacksize - 1 <= yyssp)
#if !defined yyoverflow && !defined YYSTACK_RELOCATE
    YYNOMEM;
#else
    {
      /* Get the current used size of the three stacks, in elements.  */
      YYPTRDIFF_T yysize = yyssp - yyss + 1;

# if defined yyoverflow
      {
        /* Give user a chance to reallocate the stack.  Use copies of
           these so that the &'s don't force the real ones into
           memory.  */
        yy_state_t *yyss1 = yyss;
        YYSTYPE *yyvs1 = yyvs;

        /* Each stack pointer address is followed by the size of the
           data in use in that stack, in bytes.  This used to be a
           conditional around just the two extra args, but that might
           be undefined if yyoverflow is a macro.  */
        yyoverflow (YY_("memory exhausted"),
                    &yyss1, yysize * YYSIZEOF (*yyssp),
                    &yyvs1, yysize * YYSIZEOF (*yyvsp),
                    &yystacksize);
        yyss = yyss1;
        yyvs = yyvs1;
      }
# else /* defined YYSTACK_RELOCATE */
      /* Extend the stack our own way.  */
      if (YYMAXDEPTH <= yystacksize)
        YYNOMEM;
      yystacksize *= 2;
      if (YYMAXDEPTH < yystacksize)
        yystacksize = YYMAXDEPTH;

      {
        yy_state_t *yyss1 = yyss;
        union yyalloc *yyptr =
          YY_CAST (union yyalloc *,
                   YYSTACK_ALLOC (YY_CAST (YYSIZE_T, YYSTACK_BYTES (yystacksize))));
        if (! yyptr)
          YYNOMEM;
        YYSTACK_RELOCATE (yyss_alloc, yyss);
        YYSTACK_RELOCATE (yyvs_alloc, yyvs);
#  undef YYSTACK_RELOCATE
        if (yyss1 != yyssa)
          YYSTACK_FREE (yyss1);
      }
# endif

      yyssp = yyss + yysize - 1;
      yyvsp = yyvs + yysize - 1;

      YY_IGNORE_USELESS_CAST_BEGIN
      YYDPRINTF ((stderr, "Stack size increased to %ld\n",
                  YY_CAST (long, yystacksize)));
      YY_IGNORE_USELESS_CAST_END

      if (yyss + yystacksize - 1 <= yyssp)
        YYABORT;
    }
#endif /* !defined yyoverflow && !defined YYSTACK_RELOCATE */


  if (yystate == YYFINAL)
    YYACCEPT;

  goto yybackup;


/*-----------.
| yybackup.  |
`-----------*/
yybackup:
  /* Do appropriate processing given the current state.  Read a
     lookahead token if we need one and don't already have one.  */

  /* First try to decide what to do without reference to lookahead token.  */
  yyn = yypact[yystate];
  if (yypact_value_is_default (yyn))
    goto yydefault;

  /* Not known => get a lookahead token if don't already have one.  */

  /* YYCHAR is either empty, or end-of-input, or a valid lookahead.  */
  if (yychar == YYEMPTY)
    {
      YYDPRINTF ((stderr, "Reading a token\n"));
      yychar = yylex ();
    }

  if (yychar <= YYEOF)
    {
      yychar = YYEOF;
      yytoken = YYSYMBOL_YYEOF;
      YYDPRINTF ((stderr, "Now at end of input.\n"));
    }
  else if (yychar == YYerror)
    {
      /* The scanner already issued an error message, process directly
         to error recovery.  But do not keep the error token as
         lookahead, it is too special and may lead us to an endless
         loop in error recovery. */
      yychar = YYUNDEF;
      yytoken = YYSYMBOL_YYerror;
      goto yyerrlab1;
    }
  else
    {
      yytoken = YYTRANSLATE (yychar);
      YY_SYMBOL_PRINT ("Next token is", yytoken, &yylval, &yylloc);
    }

  /* If the proper action on seeing token YYTOKEN is to reduce or to
     detect an error, take that action.  */
  yyn += yytoken;
  if (yyn < 0 || YYLAST < yyn || yycheck[yyn] != yytoken)
    goto yydefault;
  yyn = yytable[yyn];
  if (yyn <= 0)
    {
      if (yytable_value_is_error (yyn))
        goto yyerrlab;
      yyn = -yyn;
      goto yyreduce;
    }

  /* Count tokens shifted since error; after three, turn off error
     status.  */
  if (yyerrstatus)
    yyerrstatus--;

  /* Shift the lookahead token.  */
  YY_SYMBOL_PRINT ("Shifting", yytoken, &yylval, &yylloc);
  yystate = yyn;
  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END

  /* Discard the shifted token.  */
  yychar = YYEMPTY;
  goto yynewstate;


/*-----------------------------------------------------------.
| yydefault -- do the default action for the current state.  |
`-----------------------------------------------------------*/
yydefault:
  yyn = yydefact[yystate];
  if (yyn == 0)
    goto yyerrlab;
  goto yyreduce;


/*-----------------------------.
| yyreduce -- do a reduction.  |
`-----------------------------*/
yyreduce:
  /* yyn is the number of a rule to reduce with.  */
  yylen = yyr2[yyn];

  /* If YYLEN is nonzero, implement the default value of the action:
     '$$ = $1'.

     Otherwise, the following line sets YYVAL to garbage.
     This behavior is undocumented and Bison
     users should not rely upon it.  Assigning to YYVAL
     unconditionally makes the parser a bit smaller, and it avoids a
     GCC warning that YYVAL may be used uninitialized.  */
  yyval = yyvsp[1-yylen];


  YY_REDUCE_PRINT (yyn);
  switch (yyn)
    {
  case 2: /* program: pas  */
#line 99 "awkgram.y"
                { if (errorflag==0)
			winner = (Node *)stat3(PROGRAM, beginloc, (yyvsp[0].p), endloc); }
#line 2381 "awkgram.tab.c"
    break;

  case 3: /* program: error  */
#line 101 "awkgram.y"
                { yyclearin; bracecheck(); SYNTAX("bailing out"); }
#line 2387 "awkgram.tab.c"
    break;

  case 14: /* $@1: %empty  */
#line 125 "awkgram.y"
                                                                                       {inloop++;}
#line 2393 "awkgram.tab.c"
    break;

  case 15: /* for: FOR '(' opt_simple_stmt ';' opt_nl pattern ';' opt_nl opt_simple_stmt rparen $@1 stmt  */
#line 126 "awkgram.y"
                { --inloop; (yyval.p) = stat4(FOR, (yyvsp[-9].p), notnull((yyvsp[-6].p)), (yyvsp[-3].p), (yyvsp[0].p)); }
#line 2399 "awkgram.tab.c"
    break;

  case 16: /* $@2: %empty  */
#line 127 "awkgram.y"
                                                                         {inloop++;}
#line 2405 "awkgram.tab.c"
    break;

  case 17: /* for: FOR '(' opt_simple_stmt ';' ';' opt_nl opt_simple_stmt rparen $@2 stmt  */
#line 128 "awkgram.y"
                { --inloop; (yyval.p) = stat4(FOR, (yyvsp[-7].p), NIL, (yyvsp[-3].p), (yyvsp[0].p)); }
#line 2411 "awkgram.tab.c"
    break;

  case 18: /* $@3: %empty  */
#line 129 "awkgram.y"
                                            {inloop++;}
#line 2417 "awkgram.tab.c"
    break;

  case 19: /* for: FOR '(' varname IN varname rparen $@3 stmt  */
#line 130 "awkgram.y"
                { --inloop; (yyval.p) = stat3(IN, (yyvsp[-5].p), makearr((yyvsp[-3].p)), (yyvsp[0].p)); }
#line 2423 "awkgram.tab.c"
    break;

  case 20: /* funcname: VAR  */
#line 134 "awkgram.y"
                { setfname((yyvsp[0].cp)); }
#line 2429 "awkgram.tab.c"
    break;

  case 21: /* funcname: CALL  */
#line 135 "awkgram.y"
                { setfname((yyvsp[0].cp)); }
#line 2435 "awkgram.tab.c"
    break;

  case 22: /* if: IF '(' pattern rparen  */
#line 139 "awkgram.y"
                                        { (yyval.p) = notnull((yyvsp[-1].p)); }
#line 2441 "awkgram.tab.c"
    break;

  case 27: /* opt_nl: %empty  */
#line 151 "awkgram.y"
                        { (yyval.i) = 0; }
#line 2447 "awkgram.tab.c"
    break;

  case 29: /* opt_pst: %empty  */
#line 156 "awkgram.y"
                        { (yyval.i) = 0; }
#line 2453 "awkgram.tab.c"
    break;

  case 31: /* opt_simple_stmt: %empty  */
#line 162 "awkgram.y"
                                        { (yyval.p) = 0; }
#line 2459 "awkgram.tab.c"
    break;

  case 33: /* pas: opt_pst  */
#line 167 "awkgram.y"
                                        { (yyval.p) = 0; }
#line 2465 "awkgram.tab.c"
    break;

  case 34: /* pas: opt_pst pa_stats opt_pst  */
#line 168 "awkgram.y"
                                        { (yyval.p) = (yyvsp[-1].p); }
#line 2471 "awkgram.tab.c"
    break;

  case 35: /* pa_pat: pattern  */
#line 172 "awkgram.y"
                        { (yyval.p) = notnull((yyvsp[0].p)); }
#line 2477 "awkgram.tab.c"
    break;

  case 36: /* pa_stat: pa_pat  */
#line 176 "awkgram.y"
                                        { (yyval.p) = stat2(PASTAT, (yyvsp[0].p), stat2(PRINT, rectonode(), NIL)); }
#line 2483 "awkgram.tab.c"
    break;

  case 37: /* pa_stat: pa_pat lbrace stmtlist '}'  */
#line 177 "awkgram.y"
                                        { (yyval.p) = stat2(PASTAT, (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 2489 "awkgram.tab.c"
    break;

  case 38: /* pa_stat: pa_pat ',' opt_nl pa_pat  */
#line 178 "awkgram.y"
                                                { (yyval.p) = pa2stat((yyvsp[-3].p), (yyvsp[0].p), stat2(PRINT, rectonode(), NIL)); }
#line 2495 "awkgram.tab.c"
    break;

  case 39: /* pa_stat: pa_pat ',' opt_nl pa_pat lbrace stmtlist '}'  */
#line 179 "awkgram.y"
                                                        { (yyval.p) = pa2stat((yyvsp[-6].p), (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 2501 "awkgram.tab.c"
    break;

  case 40: /* pa_stat: lbrace stmtlist '}'  */
#line 180 "awkgram.y"
                                        { (yyval.p) = stat2(PASTAT, NIL, (yyvsp[-1].p)); }
#line 2507 "awkgram.tab.c"
    break;

  case 41: /* pa_stat: XBEGIN lbrace stmtlist '}'  */
#line 182 "awkgram.y"
                { beginloc = linkum(beginloc, (yyvsp[-1].p)); (yyval.p) = 0; }
#line 2513 "awkgram.tab.c"
    break;

  case 42: /* pa_stat: XEND lbrace stmtlist '}'  */
#line 184 "awkgram.y"
                { endloc = linkum(endloc, (yyvsp[-1].p)); (yyval.p) = 0; }
#line 2519 "awkgram.tab.c"
    break;

  case 43: /* $@4: %empty  */
#line 185 "awkgram.y"
                                           {infunc = true;}
#line 2525 "awkgram.tab.c"
    break;

  case 44: /* pa_stat: FUNC funcname '(' varlist rparen $@4 lbrace stmtlist '}'  */
#line 186 "awkgram.y"
                { infunc = false; curfname=0; defn((Cell *)(yyvsp[-7].p), (yyvsp[-5].p), (yyvsp[-1].p)); (yyval.p) = 0; }
#line 2531 "awkgram.tab.c"
    break;

  case 46: /* pa_stats: pa_stats opt_pst pa_stat  */
#line 191 "awkgram.y"
                                        { (yyval.p) = linkum((yyvsp[-2].p), (yyvsp[0].p)); }
#line 2537 "awkgram.tab.c"
    break;

  case 48: /* patlist: patlist comma pattern  */
#line 196 "awkgram.y"
                                        { (yyval.p) = linkum((yyvsp[-2].p), (yyvsp[0].p)); }
#line 2543 "awkgram.tab.c"
    break;

  case 49: /* ppattern: var ASGNOP ppattern  */
#line 200 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2549 "awkgram.tab.c"
    break;

  case 50: /* ppattern: ppattern '?' ppattern ':' ppattern  */
#line 202 "awkgram.y"
                { (yyval.p) = op3(CONDEXPR, notnull((yyvsp[-4].p)), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2555 "awkgram.tab.c"
    break;

  case 51: /* ppattern: ppattern bor ppattern  */
#line 204 "awkgram.y"
                { (yyval.p) = op2(BOR, notnull((yyvsp[-2].p)), notnull((yyvsp[0].p))); }
#line 2561 "awkgram.tab.c"
    break;

  case 52: /* ppattern: ppattern and ppattern  */
#line 206 "awkgram.y"
                { (yyval.p) = op2(AND, notnull((yyvsp[-2].p)), notnull((yyvsp[0].p))); }
#line 2567 "awkgram.tab.c"
    break;

  case 53: /* ppattern: ppattern MATCHOP reg_expr  */
#line 207 "awkgram.y"
                                        { (yyval.p) = op3((yyvsp[-1].i), NIL, (yyvsp[-2].p), (Node*)makedfa((yyvsp[0].s), 0)); free((yyvsp[0].s)); }
#line 2573 "awkgram.tab.c"
    break;

  case 54: /* ppattern: ppattern MATCHOP ppattern  */
#line 209 "awkgram.y"
                { if (constnode((yyvsp[0].p))) {
			(yyval.p) = op3((yyvsp[-1].i), NIL, (yyvsp[-2].p), (Node*)makedfa(strnode((yyvsp[0].p)), 0));
			free((yyvsp[0].p));
		  } else
			(yyval.p) = op3((yyvsp[-1].i), (Node *)1, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2583 "awkgram.tab.c"
    break;

  case 55: /* ppattern: ppattern EQ ppattern  */
#line 214 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2589 "awkgram.tab.c"
    break;

  case 56: /* ppattern: ppattern GE ppattern  */
#line 215 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2595 "awkgram.tab.c"
    break;

  case 57: /* ppattern: ppattern LE ppattern  */
#line 216 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2601 "awkgram.tab.c"
    break;

  case 58: /* ppattern: ppattern LT ppattern  */
#line 217 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2607 "awkgram.tab.c"
    break;

  case 59: /* ppattern: ppattern NE ppattern  */
#line 218 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2613 "awkgram.tab.c"
    break;

  case 60: /* ppattern: ppattern IN varname  */
#line 219 "awkgram.y"
                                        { (yyval.p) = op2(INTEST, (yyvsp[-2].p), makearr((yyvsp[0].p))); }
#line 2619 "awkgram.tab.c"
    break;

  case 61: /* ppattern: '(' plist ')' IN varname  */
#line 220 "awkgram.y"
                                        { (yyval.p) = op2(INTEST, (yyvsp[-3].p), makearr((yyvsp[0].p))); }
#line 2625 "awkgram.tab.c"
    break;

  case 62: /* ppattern: ppattern term  */
#line 221 "awkgram.y"
                                        { (yyval.p) = op2(CAT, (yyvsp[-1].p), (yyvsp[0].p)); }
#line 2631 "awkgram.tab.c"
    break;

  case 65: /* pattern: var ASGNOP pattern  */
#line 227 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2637 "awkgram.tab.c"
    break;

  case 66: /* pattern: pattern '?' pattern ':' pattern  */
#line 229 "awkgram.y"
                { (yyval.p) = op3(CONDEXPR, notnull((yyvsp[-4].p)), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2643 "awkgram.tab.c"
    break;

  case 67: /* pattern: pattern bor pattern  */
#line 231 "awkgram.y"
                { (yyval.p) = op2(BOR, notnull((yyvsp[-2].p)), notnull((yyvsp[0].p))); }
#line 2649 "awkgram.tab.c"
    break;

  case 68: /* pattern: pattern and pattern  */
#line 233 "awkgram.y"
                { (yyval.p) = op2(AND, notnull((yyvsp[-2].p)), notnull((yyvsp[0].p))); }
#line 2655 "awkgram.tab.c"
    break;

  case 69: /* pattern: pattern EQ pattern  */
#line 234 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2661 "awkgram.tab.c"
    break;

  case 70: /* pattern: pattern GE pattern  */
#line 235 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2667 "awkgram.tab.c"
    break;

  case 71: /* pattern: pattern GT pattern  */
#line 236 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2673 "awkgram.tab.c"
    break;

  case 72: /* pattern: pattern LE pattern  */
#line 237 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2679 "awkgram.tab.c"
    break;

  case 73: /* pattern: pattern LT pattern  */
#line 238 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2685 "awkgram.tab.c"
    break;

  case 74: /* pattern: pattern NE pattern  */
#line 239 "awkgram.y"
                                        { (yyval.p) = op2((yyvsp[-1].i), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2691 "awkgram.tab.c"
    break;

  case 75: /* pattern: pattern MATCHOP reg_expr  */
#line 240 "awkgram.y"
                                        { (yyval.p) = op3((yyvsp[-1].i), NIL, (yyvsp[-2].p), (Node*)makedfa((yyvsp[0].s), 0)); free((yyvsp[0].s)); }
#line 2697 "awkgram.tab.c"
    break;

  case 76: /* pattern: pattern MATCHOP pattern  */
#line 242 "awkgram.y"
                { if (constnode((yyvsp[0].p))) {
			(yyval.p) = op3((yyvsp[-1].i), NIL, (yyvsp[-2].p), (Node*)makedfa(strnode((yyvsp[0].p)), 0));
			free((yyvsp[0].p));
		  } else
			(yyval.p) = op3((yyvsp[-1].i), (Node *)1, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2707 "awkgram.tab.c"
    break;

  case 77: /* pattern: pattern IN varname  */
#line 247 "awkgram.y"
                                        { (yyval.p) = op2(INTEST, (yyvsp[-2].p), makearr((yyvsp[0].p))); }
#line 2713 "awkgram.tab.c"
    break;

  case 78: /* pattern: '(' plist ')' IN varname  */
#line 248 "awkgram.y"
                                        { (yyval.p) = op2(INTEST, (yyvsp[-3].p), makearr((yyvsp[0].p))); }
#line 2719 "awkgram.tab.c"
    break;

  case 79: /* pattern: pattern '|' GETLINE var  */
#line 249 "awkgram.y"
                                        {
			if (safe) SYNTAX("cmd | getline is unsafe");
			else (yyval.p) = op3(GETLINE, (yyvsp[0].p), itonp((yyvsp[-2].i)), (yyvsp[-3].p)); }
#line 2727 "awkgram.tab.c"
    break;

  case 80: /* pattern: pattern '|' GETLINE  */
#line 252 "awkgram.y"
                                        {
			if (safe) SYNTAX("cmd | getline is unsafe");
			else (yyval.p) = op3(GETLINE, (Node*)0, itonp((yyvsp[-1].i)), (yyvsp[-2].p)); }
#line 2735 "awkgram.tab.c"
    break;

  case 81: /* pattern: pattern term  */
#line 255 "awkgram.y"
                                        { (yyval.p) = op2(CAT, (yyvsp[-1].p), (yyvsp[0].p)); }
#line 2741 "awkgram.tab.c"
    break;

  case 84: /* plist: pattern comma pattern  */
#line 261 "awkgram.y"
                                        { (yyval.p) = linkum((yyvsp[-2].p), (yyvsp[0].p)); }
#line 2747 "awkgram.tab.c"
    break;

  case 85: /* plist: plist comma pattern  */
#line 262 "awkgram.y"
                                        { (yyval.p) = linkum((yyvsp[-2].p), (yyvsp[0].p)); }
#line 2753 "awkgram.tab.c"
    break;

  case 87: /* pplist: pplist comma ppattern  */
#line 267 "awkgram.y"
                                        { (yyval.p) = linkum((yyvsp[-2].p), (yyvsp[0].p)); }
#line 2759 "awkgram.tab.c"
    break;

  case 88: /* prarg: %empty  */
#line 271 "awkgram.y"
                                        { (yyval.p) = rectonode(); }
#line 2765 "awkgram.tab.c"
    break;

  case 90: /* prarg: '(' plist ')'  */
#line 273 "awkgram.y"
                                        { (yyval.p) = (yyvsp[-1].p); }
#line 2771 "awkgram.tab.c"
    break;

  case 99: /* re: reg_expr  */
#line 290 "awkgram.y"
                { (yyval.p) = op3(MATCH, NIL, rectonode(), (Node*)makedfa((yyvsp[0].s), 0)); free((yyvsp[0].s)); }
#line 2777 "awkgram.tab.c"
    break;

  case 100: /* re: NOT re  */
#line 291 "awkgram.y"
                        { (yyval.p) = op1(NOT, notnull((yyvsp[0].p))); }
#line 2783 "awkgram.tab.c"
    break;

  case 101: /* $@5: %empty  */
#line 295 "awkgram.y"
              {startreg();}
#line 2789 "awkgram.tab.c"
    break;

  case 102: /* reg_expr: '/' $@5 REGEXPR '/'  */
#line 295 "awkgram.y"
                                                { (yyval.s) = (yyvsp[-1].s); }
#line 2795 "awkgram.tab.c"
    break;

  case 105: /* simple_stmt: print prarg '|' term  */
#line 303 "awkgram.y"
                                        {
			if (safe) SYNTAX("print | is unsafe");
			else (yyval.p) = stat3((yyvsp[-3].i), (yyvsp[-2].p), itonp((yyvsp[-1].i)), (yyvsp[0].p)); }
#line 2803 "awkgram.tab.c"
    break;

  case 106: /* simple_stmt: print prarg APPEND term  */
#line 306 "awkgram.y"
                                        {
			if (safe) SYNTAX("print >> is unsafe");
			else (yyval.p) = stat3((yyvsp[-3].i), (yyvsp[-2].p), itonp((yyvsp[-1].i)), (yyvsp[0].p)); }
#line 2811 "awkgram.tab.c"
    break;

  case 107: /* simple_stmt: print prarg GT term  */
#line 309 "awkgram.y"
                                        {
			if (safe) SYNTAX("print > is unsafe");
			else (yyval.p) = stat3((yyvsp[-3].i), (yyvsp[-2].p), itonp((yyvsp[-1].i)), (yyvsp[0].p)); }
#line 2819 "awkgram.tab.c"
    break;

  case 108: /* simple_stmt: print prarg  */
#line 312 "awkgram.y"
                                        { (yyval.p) = stat3((yyvsp[-1].i), (yyvsp[0].p), NIL, NIL); }
#line 2825 "awkgram.tab.c"
    break;

  case 109: /* simple_stmt: DELETE varname '[' patlist ']'  */
#line 313 "awkgram.y"
                                         { (yyval.p) = stat2(DELETE, makearr((yyvsp[-3].p)), (yyvsp[-1].p)); }
#line 2831 "awkgram.tab.c"
    break;

  case 110: /* simple_stmt: DELETE varname  */
#line 314 "awkgram.y"
                                         { (yyval.p) = stat2(DELETE, makearr((yyvsp[0].p)), 0); }
#line 2837 "awkgram.tab.c"
    break;

  case 111: /* simple_stmt: pattern  */
#line 315 "awkgram.y"
                                        { (yyval.p) = exptostat((yyvsp[0].p)); }
#line 2843 "awkgram.tab.c"
    break;

  case 112: /* simple_stmt: error  */
#line 316 "awkgram.y"
                                        { yyclearin; SYNTAX("illegal statement"); }
#line 2849 "awkgram.tab.c"
    break;

  case 115: /* stmt: BREAK st  */
#line 325 "awkgram.y"
                                { if (!inloop) SYNTAX("break illegal outside of loops");
				  (yyval.p) = stat1(BREAK, NIL); }
#line 2856 "awkgram.tab.c"
    break;

  case 116: /* stmt: CONTINUE st  */
#line 327 "awkgram.y"
                                {  if (!inloop) SYNTAX("continue illegal outside of loops");
				  (yyval.p) = stat1(CONTINUE, NIL); }
#line 2863 "awkgram.tab.c"
    break;

  case 117: /* $@6: %empty  */
#line 329 "awkgram.y"
             {inloop++;}
#line 2869 "awkgram.tab.c"
    break;

  case 118: /* $@7: %empty  */
#line 329 "awkgram.y"
                              {--inloop;}
#line 2875 "awkgram.tab.c"
    break;

  case 119: /* stmt: do $@6 stmt $@7 WHILE '(' pattern ')' st  */
#line 330 "awkgram.y"
                { (yyval.p) = stat2(DO, (yyvsp[-6].p), notnull((yyvsp[-2].p))); }
#line 2881 "awkgram.tab.c"
    break;

  case 120: /* stmt: EXIT pattern st  */
#line 331 "awkgram.y"
                                { (yyval.p) = stat1(EXIT, (yyvsp[-1].p)); }
#line 2887 "awkgram.tab.c"
    break;

  case 121: /* stmt: EXIT st  */
#line 332 "awkgram.y"
                                { (yyval.p) = stat1(EXIT, NIL); }
#line 2893 "awkgram.tab.c"
    break;

  case 123: /* stmt: if stmt else stmt  */
#line 334 "awkgram.y"
                                { (yyval.p) = stat3(IF, (yyvsp[-3].p), (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2899 "awkgram.tab.c"
    break;

  case 124: /* stmt: if stmt  */
#line 335 "awkgram.y"
                                { (yyval.p) = stat3(IF, (yyvsp[-1].p), (yyvsp[0].p), NIL); }
#line 2905 "awkgram.tab.c"
    break;

  case 125: /* stmt: lbrace stmtlist rbrace  */
#line 336 "awkgram.y"
                                 { (yyval.p) = (yyvsp[-1].p); }
#line 2911 "awkgram.tab.c"
    break;

  case 126: /* stmt: NEXT st  */
#line 337 "awkgram.y"
                        { if (infunc)
				SYNTAX("next is illegal inside a function");
			  (yyval.p) = stat1(NEXT, NIL); }
#line 2919 "awkgram.tab.c"
    break;

  case 127: /* stmt: NEXTFILE st  */
#line 340 "awkgram.y"
                        { if (infunc)
				SYNTAX("nextfile is illegal inside a function");
			  (yyval.p) = stat1(NEXTFILE, NIL); }
#line 2927 "awkgram.tab.c"
    break;

  case 128: /* stmt: RETURN pattern st  */
#line 343 "awkgram.y"
                                { (yyval.p) = stat1(RETURN, (yyvsp[-1].p)); }
#line 2933 "awkgram.tab.c"
    break;

  case 129: /* stmt: RETURN st  */
#line 344 "awkgram.y"
                                { (yyval.p) = stat1(RETURN, NIL); }
#line 2939 "awkgram.tab.c"
    break;

  case 131: /* $@8: %empty  */
#line 346 "awkgram.y"
                {inloop++;}
#line 2945 "awkgram.tab.c"
    break;

  case 132: /* stmt: while $@8 stmt  */
#line 346 "awkgram.y"
                                        { --inloop; (yyval.p) = stat2(WHILE, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2951 "awkgram.tab.c"
    break;

  case 133: /* stmt: ';' opt_nl  */
#line 347 "awkgram.y"
                                { (yyval.p) = 0; }
#line 2957 "awkgram.tab.c"
    break;

  case 135: /* stmtlist: stmtlist stmt  */
#line 352 "awkgram.y"
                                { (yyval.p) = linkum((yyvsp[-1].p), (yyvsp[0].p)); }
#line 2963 "awkgram.tab.c"
    break;

  case 139: /* string: string STRING  */
#line 361 "awkgram.y"
                                { (yyval.cp) = catstr((yyvsp[-1].cp), (yyvsp[0].cp)); }
#line 2969 "awkgram.tab.c"
    break;

  case 140: /* term: term '/' ASGNOP term  */
#line 365 "awkgram.y"
                                        { (yyval.p) = op2(DIVEQ, (yyvsp[-3].p), (yyvsp[0].p)); }
#line 2975 "awkgram.tab.c"
    break;

  case 141: /* term: term '+' term  */
#line 366 "awkgram.y"
                                        { (yyval.p) = op2(ADD, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2981 "awkgram.tab.c"
    break;

  case 142: /* term: term '-' term  */
#line 367 "awkgram.y"
                                        { (yyval.p) = op2(MINUS, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2987 "awkgram.tab.c"
    break;

  case 143: /* term: term '*' term  */
#line 368 "awkgram.y"
                                        { (yyval.p) = op2(MULT, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2993 "awkgram.tab.c"
    break;

  case 144: /* term: term '/' term  */
#line 369 "awkgram.y"
                                        { (yyval.p) = op2(DIVIDE, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 2999 "awkgram.tab.c"
    break;

  case 145: /* term: term '%' term  */
#line 370 "awkgram.y"
                                        { (yyval.p) = op2(MOD, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 3005 "awkgram.tab.c"
    break;

  case 146: /* term: term POWER term  */
#line 371 "awkgram.y"
                                        { (yyval.p) = op2(POWER, (yyvsp[-2].p), (yyvsp[0].p)); }
#line 3011 "awkgram.tab.c"
    break;

  case 147: /* term: '-' term  */
#line 372 "awkgram.y"
                                        { (yyval.p) = op1(UMINUS, (yyvsp[0].p)); }
#line 3017 "awkgram.tab.c"
    break;

  case 148: /* term: '+' term  */
#line 373 "awkgram.y"
                                        { (yyval.p) = op1(UPLUS, (yyvsp[0].p)); }
#line 3023 "awkgram.tab.c"
    break;

  case 149: /* term: NOT term  */
#line 374 "awkgram.y"
                                        { (yyval.p) = op1(NOT, notnull((yyvsp[0].p))); }
#line 3029 "awkgram.tab.c"
    break;

  case 150: /* term: BLTIN '(' ')'  */
#line 375 "awkgram.y"
                                        { (yyval.p) = op2(BLTIN, itonp((yyvsp[-2].i)), rectonode()); }
#line 3035 "awkgram.tab.c"
    break;

  case 151: /* term: BLTIN '(' patlist ')'  */
#line 376 "awkgram.y"
                                        { (yyval.p) = op2(BLTIN, itonp((yyvsp[-3].i)), (yyvsp[-1].p)); }
#line 3041 "awkgram.tab.c"
    break;

  case 152: /* term: BLTIN  */
#line 377 "awkgram.y"
                                        { (yyval.p) = op2(BLTIN, itonp((yyvsp[0].i)), rectonode()); }
#line 3047 "awkgram.tab.c"
    break;

  case 153: /* term: CALL '(' ')'  */
#line 378 "awkgram.y"
                                        { (yyval.p) = op2(CALL, celltonode((yyvsp[-2].cp),CVAR), NIL); }
#line 3053 "awkgram.tab.c"
    break;

  case 154: /* term: CALL '(' patlist ')'  */
#line 379 "awkgram.y"
                                        { (yyval.p) = op2(CALL, celltonode((yyvsp[-3].cp),CVAR), (yyvsp[-1].p)); }
#line 3059 "awkgram.tab.c"
    break;

  case 155: /* term: CLOSE term  */
#line 380 "awkgram.y"
                                        { (yyval.p) = op1(CLOSE, (yyvsp[0].p)); }
#line 3065 "awkgram.tab.c"
    break;

  case 156: /* term: DECR var  */
#line 381 "awkgram.y"
                                        { (yyval.p) = op1(PREDECR, (yyvsp[0].p)); }
#line 3071 "awkgram.tab.c"
    break;

  case 157: /* term: INCR var  */
#line 382 "awkgram.y"
                                        { (yyval.p) = op1(PREINCR, (yyvsp[0].p)); }
#line 3077 "awkgram.tab.c"
    break;

  case 158: /* term: var DECR  */
#line 383 "awkgram.y"
                                        { (yyval.p) = op1(POSTDECR, (yyvsp[-1].p)); }
#line 3083 "awkgram.tab.c"
    break;

  case 159: /* term: var INCR  */
#line 384 "awkgram.y"
                                        { (yyval.p) = op1(POSTINCR, (yyvsp[-1].p)); }
#line 3089 "awkgram.tab.c"
    break;

  case 160: /* term: GETLINE var LT term  */
#line 385 "awkgram.y"
                                        { (yyval.p) = op3(GETLINE, (yyvsp[-2].p), itonp((yyvsp[-1].i)), (yyvsp[0].p)); }
#line 3095 "awkgram.tab.c"
    break;

  case 161: /* term: GETLINE LT term  */
#line 386 "awkgram.y"
                                        { (yyval.p) = op3(GETLINE, NIL, itonp((yyvsp[-1].i)), (yyvsp[0].p)); }
#line 3101 "awkgram.tab.c"
    break;

  case 162: /* term: GETLINE var  */
#line 387 "awkgram.y"
                                        { (yyval.p) = op3(GETLINE, (yyvsp[0].p), NIL, NIL); }
#line 3107 "awkgram.tab.c"
    break;

  case 163: /* term: GETLINE  */
#line 388 "awkgram.y"
                                        { (yyval.p) = op3(GETLINE, NIL, NIL, NIL); }
#line 3113 "awkgram.tab.c"
    break;

  case 164: /* term: INDEX '(' pattern comma pattern ')'  */
#line 390 "awkgram.y"
                { (yyval.p) = op2(INDEX, (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 3119 "awkgram.tab.c"
    break;

  case 165: /* term: INDEX '(' pattern comma reg_expr ')'  */
#line 392 "awkgram.y"
                { SYNTAX("index() doesn't permit regular expressions");
		  (yyval.p) = op2(INDEX, (yyvsp[-3].p), (Node*)(yyvsp[-1].s)); }
#line 3126 "awkgram.tab.c"
    break;

  case 166: /* term: '(' pattern ')'  */
#line 394 "awkgram.y"
                                        { (yyval.p) = (yyvsp[-1].p); }
#line 3132 "awkgram.tab.c"
    break;

  case 167: /* term: MATCHFCN '(' pattern comma reg_expr ')'  */
#line 396 "awkgram.y"
                { (yyval.p) = op3(MATCHFCN, NIL, (yyvsp[-3].p), (Node*)makedfa((yyvsp[-1].s), 1)); free((yyvsp[-1].s)); }
#line 3138 "awkgram.tab.c"
    break;

  case 168: /* term: MATCHFCN '(' pattern comma pattern ')'  */
#line 398 "awkgram.y"
                { if (constnode((yyvsp[-1].p))) {
			(yyval.p) = op3(MATCHFCN, NIL, (yyvsp[-3].p), (Node*)makedfa(strnode((yyvsp[-1].p)), 1));
			free((yyvsp[-1].p));
		  } else
			(yyval.p) = op3(MATCHFCN, (Node *)1, (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 3148 "awkgram.tab.c"
    break;

  case 169: /* term: NUMBER  */
#line 403 "awkgram.y"
                                        { (yyval.p) = celltonode((yyvsp[0].cp), CCON); }
#line 3154 "awkgram.tab.c"
    break;

  case 170: /* term: SPLIT '(' pattern comma varname comma pattern ')'  */
#line 405 "awkgram.y"
                { (yyval.p) = op4(SPLIT, (yyvsp[-5].p), makearr((yyvsp[-3].p)), (yyvsp[-1].p), (Node*)STRING); }
#line 3160 "awkgram.tab.c"
    break;

  case 171: /* term: SPLIT '(' pattern comma varname comma reg_expr ')'  */
#line 407 "awkgram.y"
                { (yyval.p) = op4(SPLIT, (yyvsp[-5].p), makearr((yyvsp[-3].p)), (Node*)makedfa((yyvsp[-1].s), 1), (Node *)REGEXPR); free((yyvsp[-1].s)); }
#line 3166 "awkgram.tab.c"
    break;

  case 172: /* term: SPLIT '(' pattern comma varname ')'  */
#line 409 "awkgram.y"
                { (yyval.p) = op4(SPLIT, (yyvsp[-3].p), makearr((yyvsp[-1].p)), NIL, (Node*)STRING); }
#line 3172 "awkgram.tab.c"
    break;

  case 173: /* term: SPRINTF '(' patlist ')'  */
#line 410 "awkgram.y"
                                        { (yyval.p) = op1((yyvsp[-3].i), (yyvsp[-1].p)); }
#line 3178 "awkgram.tab.c"
    break;

  case 174: /* term: string  */
#line 411 "awkgram.y"
                                        { (yyval.p) = celltonode((yyvsp[0].cp), CCON); }
#line 3184 "awkgram.tab.c"
    break;

  case 175: /* term: subop '(' reg_expr comma pattern ')'  */
#line 413 "awkgram.y"
                { (yyval.p) = op4((yyvsp[-5].i), NIL, (Node*)makedfa((yyvsp[-3].s), 1), (yyvsp[-1].p), rectonode()); free((yyvsp[-3].s)); }
#line 3190 "awkgram.tab.c"
    break;

  case 176: /* term: subop '(' pattern comma pattern ')'  */
#line 415 "awkgram.y"
                { if (constnode((yyvsp[-3].p))) {
			(yyval.p) = op4((yyvsp[-5].i), NIL, (Node*)makedfa(strnode((yyvsp[-3].p)), 1), (yyvsp[-1].p), rectonode());
			free((yyvsp[-3].p));
		  } else
			(yyval.p) = op4((yyvsp[-5].i), (Node *)1, (yyvsp[-3].p), (yyvsp[-1].p), rectonode()); }
#line 3200 "awkgram.tab.c"
    break;

  case 177: /* term: subop '(' reg_expr comma pattern comma var ')'  */
#line 421 "awkgram.y"
                { (yyval.p) = op4((yyvsp[-7].i), NIL, (Node*)makedfa((yyvsp[-5].s), 1), (yyvsp[-3].p), (yyvsp[-1].p)); free((yyvsp[-5].s)); }
#line 3206 "awkgram.tab.c"
    break;

  case 178: /* term: subop '(' pattern comma pattern comma var ')'  */
#line 423 "awkgram.y"
                { if (constnode((yyvsp[-5].p))) {
			(yyval.p) = op4((yyvsp[-7].i), NIL, (Node*)makedfa(strnode((yyvsp[-5].p)), 1), (yyvsp[-3].p), (yyvsp[-1].p));
			free((yyvsp[-5].p));
		  } else
			(yyval.p) = op4((yyvsp[-7].i), (Node *)1, (yyvsp[-5].p), (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 3216 "awkgram.tab.c"
    break;

  case 179: /* term: SUBSTR '(' pattern comma pattern comma pattern ')'  */
#line 429 "awkgram.y"
                { (yyval.p) = op3(SUBSTR, (yyvsp[-5].p), (yyvsp[-3].p), (yyvsp[-1].p)); }
#line 3222 "awkgram.tab.c"
    break;

  case 180: /* term: SUBSTR '(' pattern comma pattern ')'  */
#line 431 "awkgram.y"
                { (yyval.p) = op3(SUBSTR, (yyvsp[-3].p), (yyvsp[-1].p), NIL); }
#line 3228 "awkgram.tab.c"
    break;

  case 183: /* var: varname '[' patlist ']'  */
#line 437 "awkgram.y"
                                        { (yyval.p) = op2(ARRAY, makearr((yyvsp[-3].p)), (yyvsp[-1].p)); }
#line 3234 "awkgram.tab.c"
    break;

  case 184: /* var: IVAR  */
#line 438 "awkgram.y"
                                        { (yyval.p) = op1(INDIRECT, celltonode((yyvsp[0].cp), CVAR)); }
#line 3240 "awkgram.tab.c"
    break;

  case 185: /* var: INDIRECT term  */
#line 439 "awkgram.y"
                                        { (yyval.p) = op1(INDIRECT, (yyvsp[0].p)); }
#line 3246 "awkgram.tab.c"
    break;

  case 186: /* varlist: %empty  */
#line 443 "awkgram.y"
                                { arglist = (yyval.p) = 0; }
#line 3252 "awkgram.tab.c"
    break;

  case 187: /* varlist: VAR  */
#line 444 "awkgram.y"
                                { arglist = (yyval.p) = celltonode((yyvsp[0].cp),CVAR); }
#line 3258 "awkgram.tab.c"
    break;

  case 188: /* varlist: varlist comma VAR  */
#line 445 "awkgram.y"
                                {
			checkdup((yyvsp[-2].p), (yyvsp[0].cp));
			arglist = (yyval.p) = linkum((yyvsp[-2].p),celltonode((yyvsp[0].cp),CVAR)); }
#line 3266 "awkgram.tab.c"
    break;

  case 189: /* varname: VAR  */
#line 451 "awkgram.y"
                                { (yyval.p) = celltonode((yyvsp[0].cp), CVAR); }
#line 3272 "awkgram.tab.c"
    break;

  case 190: /* varname: ARG  */
#line 452 "awkgram.y"
                                { (yyval.p) = op1(ARG, itonp((yyvsp[0].i))); }
#line 3278 "awkgram.tab.c"
    break;

  case 191: /* varname: VARNF  */
#line 453 "awkgram.y"
                                { (yyval.p) = op1(VARNF, (Node *) (yyvsp[0].cp)); }
#line 3284 "awkgram.tab.c"
    break;

  case 192: /* while: WHILE '(' pattern rparen  */
#line 458 "awkgram.y"
                                        { (yyval.p) = notnull((yyvsp[-1].p)); }
#line 3290 "awkgram.tab.c"
    break;


#line 3294 "awkgram.tab.c"

      default: break;
    }
  /* User semantic actions sometimes alter yychar, and that requires
     that yytoken be updated with the new translation.  We take the
     approach of translating immediately before every use of yytoken.
     One alternative is translating here after every semantic action,
     but that translation would be missed if the semantic action invokes
     YYABORT, YYACCEPT, or YYERROR immediately after altering yychar or
     if it invokes YYBACKUP.  In the case of YYABORT or YYACCEPT, an
     incorrect destructor might then be invoked immediately.  In the
     case of YYERROR or YYBACKUP, subsequent parser actions might lead
     to an incorrect destructor call or verbose syntax error message
     before the lookahead is translated.  */
  YY_SYMBOL_PRINT ("-> $$ =", YY_CAST (yysymbol_kind_t, yyr1[yyn]), &yyval, &yyloc);

  YYPOPSTACK (yylen);
  yylen = 0;

  *++yyvsp = yyval;

  /* Now 'shift' the result of the reduction.  Determine what state
     that goes to, based on the state we popped back to and the rule
     number reduced by.  */
  {
    const int yylhs = yyr1[yyn] - YYNTOKENS;
    const int yyi = yypgoto[yylhs] + *yyssp;
    yystate = (0 <= yyi && yyi <= YYLAST && yycheck[yyi] == *yyssp
               ? yytable[yyi]
               : yydefgoto[yylhs]);
  }

  goto yynewstate;


/*--------------------------------------.
| yyerrlab -- here on detecting error.  |
`--------------------------------------*/
yyerrlab:
  /* Make sure we have latest lookahead translation.  See comments at
     user semantic actions for why this is necessary.  */
  yytoken = yychar == YYEMPTY ? YYSYMBOL_YYEMPTY : YYTRANSLATE (yychar);
  /* If not already recovering from an error, report this error.  */
  if (!yyerrstatus)
    {
      ++yynerrs;
      yyerror (YY_("syntax error"));
    }

  if (yyerrstatus == 3)
    {
      /* If just tried and failed to reuse lookahead token after an
         error, discard it.  */

      if (yychar <= YYEOF)
        {
          /* Return failure if at end of input.  */
          if (yychar == YYEOF)
            YYABORT;
        }
      else
        {
          yydestruct ("Error: discarding",
                      yytoken, &yylval);
          yychar = YYEMPTY;
        }
    }

  /* Else will try to reuse lookahead token after shifting the error
     token.  */
  goto yyerrlab1;


/*---------------------------------------------------.
| yyerrorlab -- error raised explicitly by YYERROR.  |
`---------------------------------------------------*/
yyerrorlab:
  /* Pacify compilers when the user code never invokes YYERROR and the
     label yyerrorlab therefore never appears in user code.  */
  if (0)
    YYERROR;
  ++yynerrs;

  /* Do not reclaim the symbols of the rule whose action triggered
     this YYERROR.  */
  YYPOPSTACK (yylen);
  yylen = 0;
  YY_STACK_PRINT (yyss, yyssp);
  yystate = *yyssp;
  goto yyerrlab1;


/*-------------------------------------------------------------.
| yyerrlab1 -- common code for both syntax error and YYERROR.  |
`-------------------------------------------------------------*/
yyerrlab1:
  yyerrstatus = 3;      /* Each real token shifted decrements this.  */

  /* Pop stack until we find a state that shifts the error token.  */
  for (;;)
    {
      yyn = yypact[yystate];
      if (!yypact_value_is_default (yyn))
        {
          yyn += YYSYMBOL_YYerror;
          if (0 <= yyn && yyn <= YYLAST && yycheck[yyn] == YYSYMBOL_YYerror)
            {
              yyn = yytable[yyn];
              if (0 < yyn)
                break;
            }
        }

      /* Pop the current state because it cannot handle the error token.  */
      if (yyssp == yyss)
        YYABORT;


      yydestruct ("Error: popping",
                  YY_ACCESSING_SYMBOL (yystate), yyvsp);
      YYPOPSTACK (1);
      yystate = *yyssp;
      YY_STACK_PRINT (yyss, yyssp);
    }

  YY_IGNORE_MAYBE_UNINITIALIZED_BEGIN
  *++yyvsp = yylval;
  YY_IGNORE_MAYBE_UNINITIALIZED_END


  /* Shift the error token.  */
  YY_SYMBOL_PRINT ("Shifting", YY_ACCESSING_SYMBOL (yyn), yyvsp, yylsp);

  yystate = yyn;
  goto yynewstate;


/*-------------------------------------.
| yyacceptlab -- YYACCEPT comes here.  |
`-------------------------------------*/
yyacceptlab:
  yyresult = 0;
  goto yyreturnlab;


/*-----------------------------------.
| yyabortlab -- YYABORT comes here.  |
`-----------------------------------*/
yyabortlab:
  yyresult = 1;
  goto yyreturnlab;


/*-----------------------------------------------------------.
| yyexhaustedlab -- YYNOMEM (memory exhaustion) comes here.  |
`-----------------------------------------------------------*/
yyexhaustedlab:
  yyerror (YY_("memory exhausted"));
  yyresult = 2;
  goto yyreturnlab;


/*----------------------------------------------------------.
| yyreturnlab -- parsing is finished, clean up and return.  |
`----------------------------------------------------------*/
yyreturnlab:
  if (yychar != YYEMPTY)
    {
      /* Make sure we have latest lookahead translation.  See comments at
         user semantic actions for why this is necessary.  */
      yytoken = YYTRANSLATE (yychar);
      yydestruct ("Cleanup: discarding lookahead",
                  yytoken, &yylval);
    }
  /* Do not reclaim the symbols of the rule whose action triggered
     this YYABORT or YYACCEPT.  */
  YYPOPSTACK (yylen);
  YY_STACK_PRINT (yyss, yyssp);
  while (yyssp != yyss)
    {
      yydestruct ("Cleanup: popping",
                  YY_ACCESSING_SYMBOL (+*yyssp), yyvsp);
      YYPOPSTACK (1);
    }
#ifndef yyoverflow
  if (yyss != yyssa)
    YYSTACK_FREE (yyss);
#endif

  return yyresult;
}

#line 461 "awkgram.y"


void setfname(Cell *p)
{
	if (isarr(p))
		SYNTAX("%s is an array, not a function", p->nval);
	else if (isfcn(p))
		SYNTAX("you can't define function %s more than once", p->nval);
	curfname = p->nval;
}

int constnode(Node *p)
{
	return isvalue(p) && ((Cell *) (p->narg[0]))->csub == CCON;
}

char *strnode(Node *p)
{
	return ((Cell *)(p->narg[0]))->sval;
}

Node *notnull(Node *n)
{
	switch (n->nobj) {
	case LE: case LT: case EQ: case NE: case GT: case GE:
	case BOR: case AND: case NOT:
		return n;
	default:
		return op2(NE, n, nullnode);
	}
}

void checkdup(Node *vl, Cell *cp)	/* check if name already in list */
{
	char *s = cp->nval;
	for ( ; vl; vl = vl->nnext) {
		if (strcmp(s, ((Cell *)(vl->narg[0]))->nval) == 0) {
			SYNTAX("duplicate argument %s", s);
			break;
		}
	}
}
