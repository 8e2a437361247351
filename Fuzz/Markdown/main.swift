import DigestKit
import Foundation
import FuzzDriver

// libFuzzer over FuzzTargets.markdown: bytes as a Markdown summary.
exit(digest_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv) { data, size in
    FuzzTargets.markdown(Array(UnsafeBufferPointer(start: data!, count: size)))
    return 0
})
