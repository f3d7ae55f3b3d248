# Sourced by the benchmark scripts: builds the given products as the README installs Reinstate
# (release, Swift runtime linked in statically: relocating a dynamically linked Foundation cost
# ~2.8 ms a process; `due` on 10,000 cases 21.5 -> 16.1 ms, the floor 5.8 -> 3.0 ms) and sets $bin.
# SWIFT_SCRATCH picks another scratch folder (default .build-static, beside the debug .build).
scratch=${SWIFT_SCRATCH:-.build-static}
mkdir -p Benchmarks/work
for product in "$@"; do
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" > Benchmarks/work/build.log 2>&1 \
    || { tail -n 30 Benchmarks/work/build.log; exit 2; }
done
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
