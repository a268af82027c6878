import FuzzSupport

Fuzz.main(Fuzz.csv)
