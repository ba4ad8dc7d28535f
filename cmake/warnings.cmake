# Warnings for our own targets: jospar_warnings(target)
function(jospar_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor
                                           -Wcast-align -Wnull-dereference -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O3 reports impossible overlaps inside libstdc++'s std::string operator+ (GCC bug 105329):
    # a false -Wrestrict that breaks the release build with -Werror.
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(JOSPAR_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
