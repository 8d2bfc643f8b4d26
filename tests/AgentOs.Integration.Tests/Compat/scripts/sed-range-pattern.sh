cat > doc.md <<'EOF'
# Title
intro
<!-- BEGIN -->
generated 1
generated 2
<!-- END -->
outro
EOF
sed '/BEGIN/,/END/d' doc.md
echo ===
sed -n '/BEGIN/,/END/p' doc.md
