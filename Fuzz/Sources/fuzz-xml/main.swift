import FuzzSupport

// The SSDA903's XML form, read without a schema (the DfE publishes none for it).
let spec = Fuzz.spec("ssda903", "2026-27")
Fuzz.main { Fuzz.xml($0, spec: spec, schema: false) }
