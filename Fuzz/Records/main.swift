import DigestKit
import Foundation
import FuzzDriver

// libFuzzer over FuzzTargets.records: bytes as a paper file.
exit(digest_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
    FuzzTargets.records(Array(UnsafeBufferPointer(start: data!, count: size)))
    return 0
})
