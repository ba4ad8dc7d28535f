# Third-party dependencies, all from Debian packages (see scripts/setup.sh).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark QUIET)
find_package(ICU REQUIRED COMPONENTS uc i18n)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# TOTP (RFC 6238) for the second factor of sign-in: liboath computes only (no I/O), so core links it.
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
# The QR code of a TOTP enrolment (an SVG drawn on the server; web/qr_svg.cpp).
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
# `jospar ledger check --from URL` fetches a server's public log over HTTP(S).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
find_library(STEMMER_LIB stemmer REQUIRED)
find_library(HTTP_PARSER_LIB http_parser REQUIRED)
find_path(RESTINIO_INCLUDE restinio/all.hpp REQUIRED)
find_path(CLI11_INCLUDE CLI/CLI.hpp REQUIRED)
find_path(EXPECTED_INCLUDE tl/expected.hpp REQUIRED)
find_path(MUSTACHE_INCLUDE kainjow/mustache.hpp REQUIRED)
# Legacy programme import: XLSX read as a zip of XML (libzip + libxml2), written with libxlsxwriter.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
