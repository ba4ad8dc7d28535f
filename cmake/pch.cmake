# Precompiled headers: the heavy outside headers each layer's files include, parsed once per target instead
# of once per file (nlohmann JSON, kainjow-mustache, GoogleTest, CLI11 and the standard library cost 2-25 s
# a file in the debug build). Only outside headers go in, so that editing our own headers does not rebuild
# the PCH. JOSPAR_PCH=OFF turns them off (e.g. to check that every file includes what it uses).
option(JOSPAR_PCH "Precompiled headers" ON)

set(JOSPAR_PCH_STD <algorithm> <array> <chrono> <cstdint> <functional> <map> <memory> <optional> <set>
    <string> <string_view> <unordered_map> <utility> <variant> <vector> <tl/expected.hpp>)

# jospar_pch(target [HEADERS...]): the standard set plus the given headers.
function(jospar_pch target)
  if(JOSPAR_PCH)
    target_precompile_headers(${target} PRIVATE ${JOSPAR_PCH_STD} ${ARGN})
  endif()
endfunction()
