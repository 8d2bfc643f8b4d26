// A plain wasm32-wasi program built with stock wasi-libc (no agentOS imports): the VM must run it as a WASI
// runtime would, with "/" preopened at fd 3. Usage:
//   plainwasi write FILE TEXT   fopen(FILE, "w"), write TEXT, read it back, print it
//   plainwasi list DIR          print DIR's entries (readdir), sorted, one per line
//   plainwasi args ...          print argc, each argv and $GREETING
//   plainwasi exit N            exit with status N
//   plainwasi missing           call an import the VM lacks (must trap at the call, not at load)
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((import_module("env"), import_name("not_provided"))) int not_provided(int);

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (!f) { perror(path); return 1; }
  fputs(text, f);
  fclose(f);
  char buffer[256];
  f = fopen(path, "r");
  if (!f) { perror(path); return 1; }
  size_t n = fread(buffer, 1, sizeof buffer - 1, f);
  fclose(f);
  buffer[n] = 0;
  printf("read back: %s\n", buffer);
  return 0;
}

static int list(const char *path) {
  DIR *dir = opendir(path);
  if (!dir) { perror(path); return 1; }
  char *names[256];
  int count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL && count < 256) {
    if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) names[count++] = strdup(entry->d_name);
  }
  closedir(dir);
  qsort(names, count, sizeof names[0], compare);
  for (int i = 0; i < count; i++) puts(names[i]);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 4 && strcmp(argv[1], "write") == 0) return write_file(argv[2], argv[3]);
  if (argc >= 3 && strcmp(argv[1], "list") == 0) return list(argv[2]);
  if (argc >= 3 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
  if (argc >= 2 && strcmp(argv[1], "missing") == 0) return not_provided(argc);
  if (argc >= 2 && strcmp(argv[1], "args") == 0) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    return 0;
  }
  fputs("usage: plainwasi write FILE TEXT | list DIR | args ... | exit N | missing\n", stderr);
  return 2;
}
