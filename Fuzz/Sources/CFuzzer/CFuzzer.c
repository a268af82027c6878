// The declaration is all there is: libFuzzer itself is linked by -sanitize=fuzzer.
