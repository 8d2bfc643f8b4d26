parse() {
  local OPTIND opt
  while getopts "vo:" opt; do
    case $opt in
      v) echo verbose ;;
      o) echo "output=$OPTARG" ;;
    esac
  done
  shift $((OPTIND - 1))
  echo "rest=$*"
}
parse -v -o out.txt file1 file2
