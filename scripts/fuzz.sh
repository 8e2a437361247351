#!/usr/bin/env bash
# Runs each fuzzer for SECONDS (default 300) and prints libFuzzer's final figures.
# Crashes and hangs are written to .build-fuzz/findings/; copy each into
# Tests/Fixtures/FuzzRegressions/<target>/ so `make test` replays it for ever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
mkdir -p .build-fuzz/findings
status=0
# Swift's own crash backtracer reads the stack in ways AddressSanitizer reports; libFuzzer prints the stack.
export SWIFT_BACKTRACE=enable=no
for target in records markdown; do
    corpus=.build-fuzz/corpus/$target
    mkdir -p "$corpus"
    seeds=(Tests/Fixtures/FuzzSeeds/$target Tests/Fixtures/FuzzRegressions/$target)
    if [ "$target" = records ]; then
        mkdir -p .build-fuzz/seeds/records
        cp Content/papers/*/*.json Tests/Fixtures/HostileInputs/*.json .build-fuzz/seeds/records/ 2>/dev/null || true
        seeds+=(.build-fuzz/seeds/records)
    fi
    echo "fuzz: $target for ${seconds}s"
    # -rss_limit_mb: a 2 GB budget; -timeout: an input taking 10 s is a hang worth a report.
    if ! ".build-fuzz/release/digest-fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -dict="Tests/Fixtures/FuzzSeeds/$target.dict" -artifact_prefix=".build-fuzz/findings/$target-" \
        -print_final_stats=1 "$corpus" "${seeds[@]}" 2> ".build-fuzz/$target.log"; then
        status=1
        echo "fuzz: $target FOUND A PROBLEM; see .build-fuzz/$target.log and .build-fuzz/findings/"
    fi
    grep -E "^#[0-9]+ *DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb" ".build-fuzz/$target.log" || tail -5 ".build-fuzz/$target.log"
done
exit $status
