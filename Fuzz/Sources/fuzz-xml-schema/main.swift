import FuzzSupport

// The CIN census, read while libxml2 checks it against the census schema.
let spec = Fuzz.spec("cin", "2025-26")
Fuzz.main { Fuzz.xml($0, spec: spec, schema: true) }
