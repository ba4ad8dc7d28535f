# Warnings for our own targets: jospar_warnings(target)
function(jospar_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                           -Wcast-align -Wnull-dereference -Wimplicit-fallthrough)
  if(JOSPAR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
