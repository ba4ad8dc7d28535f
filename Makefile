# Thin wrapper over scripts/ (the README's two commands are scripts/run.sh and scripts/test.sh).
.PHONY: run test bench format build
run: ; scripts/run.sh
test: ; scripts/test.sh
bench: ; scripts/bench.sh
format: ; scripts/format.sh
build: ; cmake --preset debug && cmake --build --preset debug
