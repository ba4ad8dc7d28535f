# Applies JOSPAR_SANITIZE to everything built in this tree.
if(JOSPAR_SANITIZE)
  string(REPLACE ";" "," _san "${JOSPAR_SANITIZE}")
  add_compile_options(-fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${_san})
endif()
