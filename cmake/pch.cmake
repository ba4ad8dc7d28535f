# Precompiled headers: the heavy outside headers each layer's files include, parsed once per target instead
# of once per file (nlohmann JSON, kainjow-mustache, GoogleTest, CLI11 and the standard library cost 2-25 s
# a file in the debug build). Only outside headers go in, so that editing our own headers does not rebuild
# the PCH. JOSPAR_PCH=OFF turns them off (e.g. to check that every file includes what it uses).
option(JOSPAR_PCH "Precompiled headers" ON)

set(JOSPAR_PCH_STD <algorithm> <array> <chrono> <cstdint> <functional> <map> <memory> <optional> <set>
    <string> <string_view> <unordered_map> <utility> <variant> <vector> <tl/expected.hpp>)

# jospar_pch(target [HEADERS...]): the standard set plus the given headers. Only in the debug build (the one
# the tests use, where parsing dominates) and with clang (the fuzz build): GCC 12 at -O2/-O3 reports false
# -Wstringop-overflow in libstdc++ for some files when they are compiled with the PCH (seen in
# analytics/text_terms.cpp), and the release build is warning-clean without it.
function(jospar_pch target)
  if(JOSPAR_PCH AND (CMAKE_BUILD_TYPE STREQUAL "Debug" OR CMAKE_CXX_COMPILER_ID STREQUAL "Clang"))
    target_precompile_headers(${target} PRIVATE ${JOSPAR_PCH_STD} ${ARGN})
  endif()
endfunction()
