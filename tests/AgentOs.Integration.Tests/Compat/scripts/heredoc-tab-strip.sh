if true; then
	cat <<-EOF
		indented line
	second line
	EOF
fi
