#!/usr/bin/env python3
# Applies the AgentOs changes (all under #ifdef __wasi__) to pristine upstream run.c and main.c. Kept for
# re-vendoring a newer release: copy its files over these, run this once, then regen.sh and ../build.sh.
import sys

def edit(path, pairs):
    s = open(path).read()
    for old, new in pairs:
        if s.count(old) != 1:
            sys.exit(f"{path}: expected exactly one occurrence of:\n{old}")
        s = s.replace(old, new)
    open(path, 'w').write(s)

edit('run.c', [
('#include <setjmp.h>\n', '#ifndef __wasi__\n#include <setjmp.h>\n#endif\n'),
('#include <sys/wait.h>\n', '''#ifdef __wasi__
/* AgentOs: WASI has no <sys/wait.h>; system() (agentos.c) returns a wait status in the usual encoding. */
#define WIFEXITED(s)	(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)	(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)	(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)	((s) & 0x7f)
#else
#include <sys/wait.h>
#endif
'''),
('jmp_buf env;\n', '''#ifdef __wasi__
/* AgentOs: wasm32-wasip1 has no setjmp/longjmp. exit sets this flag and returns jexit, which every execute() then
   returns at once, so the running statements unwind as they do for next and break; program() clears it for END. */
static bool exiting = false;
#else
jmp_buf env;
#endif
'''),
('''	for (a = u; ; a = a->nnext) {
		curnode = a;
		if (isvalue(a)) {''', '''	for (a = u; ; a = a->nnext) {
#ifdef __wasi__
		if (exiting)
			return(jexit);
#endif
		curnode = a;
		if (isvalue(a)) {'''),
('''		x = (*proc)(a->narg, a->nobj);
		if (isfld(x) && !donefld)''', '''		x = (*proc)(a->narg, a->nobj);
#ifdef __wasi__
		if (exiting) {
			if (x != jexit)
				tempfree(x);
			return(jexit);
		}
#endif
		if (isfld(x) && !donefld)'''),
('''	if (setjmp(env) != 0)
		goto ex;
	if (a[0]) {		/* BEGIN */
		x = execute(a[0]);
		if (isexit(x))
			return(True);''', '''#ifndef __wasi__
	if (setjmp(env) != 0)
		goto ex;
#endif
	if (a[0]) {		/* BEGIN */
		x = execute(a[0]);
		if (isexit(x))
#ifdef __wasi__
			goto ex;	/* as the longjmp: END still runs */
#else
			return(True);
#endif'''),
('''  ex:
	if (setjmp(env) != 0)	/* handles exit within END */
		goto ex1;''', '''  ex:
#ifdef __wasi__
	exiting = false;
#else
	if (setjmp(env) != 0)	/* handles exit within END */
		goto ex1;
#endif'''),
('''  ex1:
	return(True);''', '''#ifndef __wasi__
  ex1:
#endif
	return(True);'''),
('''			tempfree(y);
		}
		longjmp(env, 1);''', '''			tempfree(y);
		}
#ifdef __wasi__
		exiting = true;
		return(jexit);
#else
		longjmp(env, 1);
#endif'''),
('''		y = execute(x);
		fputs(getpssval(y), fp);''', '''		y = execute(x);
#ifdef __wasi__
		if (exiting)
			return(jexit);
#endif
		fputs(getpssval(y), fp);'''),
('''	tempfree(x);
	if (a[1] == NULL) {
		/* fputs(buf, stdout); */''', '''	tempfree(x);
#ifdef __wasi__
	if (exiting) {
		free(buf);
		return(jexit);
	}
#endif
	if (a[1] == NULL) {
		/* fputs(buf, stdout); */'''),
])

# The grammar: gawk and mawk accept comparisons other than > (the output redirection) in a print list unparenthesized
# (print $1 == "x" ? "yes" : "no"); upstream's grammar rejects them as a syntax error. Not #ifdef'd: the parser is
# generated. Only input that was a syntax error parses differently.
edit('awkgram.y', [
('''	| ppattern IN varname		{ $$ = op2(INTEST, $1, makearr($3)); }
	| '(' plist ')' IN varname	{ $$ = op2(INTEST, $2, makearr($5)); }
	| ppattern term %prec CAT	{ $$ = op2(CAT, $1, $2); }''', '''	| ppattern EQ ppattern		{ $$ = op2($2, $1, $3); }
	| ppattern GE ppattern		{ $$ = op2($2, $1, $3); }
	| ppattern LE ppattern		{ $$ = op2($2, $1, $3); }
	| ppattern LT ppattern		{ $$ = op2($2, $1, $3); }
	| ppattern NE ppattern		{ $$ = op2($2, $1, $3); }
	| ppattern IN varname		{ $$ = op2(INTEST, $1, makearr($3)); }
	| '(' plist ')' IN varname	{ $$ = op2(INTEST, $2, makearr($5)); }
	| ppattern term %prec CAT	{ $$ = op2(CAT, $1, $2); }'''),
])

edit('main.c', [
('''#include <signal.h>
#include "awk.h"''', '''#ifdef __wasi__
#include <unistd.h>
#else
#include <signal.h>
#endif
#include "awk.h"'''),
('static noreturn void fpecatch(int n', '#ifndef __wasi__	/* AgentOs: no signals in WASI, and wasm arithmetic does not trap */\nstatic noreturn void fpecatch(int n'),
('/* Can this work with recursive calls?', '#endif\n\n/* Can this work with recursive calls?'),
('\tcmdname = argv[0];\n', '''	cmdname = argv[0];
#ifdef __wasi__
	{
		/* AgentOs: the VM runs a command by its full path (/opt/agentos/bin/awk); messages say "awk:" as in gawk. */
		char *slash = strrchr(cmdname, '/');
		if (slash != NULL && slash[1] != '\\0')
			cmdname = slash + 1;
	}
#endif
'''),
('''#ifdef SA_SIGINFO
	{
		struct sigaction sa;''', '''#ifdef __wasi__
	{
		/* AgentOs: wasi-libc resolves relative paths against its own cwd, which starts at /; the shell exports PWD. */
		const char *pwd = getenv("PWD");
		if (pwd != NULL && pwd[0] == '/')
			(void)chdir(pwd);
	}
#elif defined(SA_SIGINFO)
	{
		struct sigaction sa;'''),
])
