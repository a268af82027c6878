import FuzzSupport

Fuzz.main(Fuzz.xlsx)
