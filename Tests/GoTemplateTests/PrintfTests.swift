import Testing

@testable import GoTemplate

@Suite("printf, print and value printing with Go's fmt rules")
struct PrintfTests {
    @Test(
        "verbs, flags, width and precision",
        arguments: [
            (#"{{ printf "%d|%5d|%-5d|%05d|%+d" 42 42 42 42 42 }}"#, "42|   42|42   |00042|+42"),
            (#"{{ printf "%x %X %#x %o %O %b %#b" 255 255 255 8 8 5 5 }}"#, "ff FF 0xff 10 0o10 101 0b101"),
            (#"{{ printf "%c %q %U %#U %.3d %05d" 65 65 128512 65 7 -42 }}"#, "A 'A' U+1F600 U+0041 'A' 007 -0042"),
            (
                #"{{ printf "%f|%.2f|%5.1f|%e|%E" 3.14159 3.14159 3.14159 1234.5678 1234.5678 }}"#,
                "3.141590|3.14|  3.1|1.234568e+03|1.234568E+03"
            ),
            (
                #"{{ printf "%g|%g|%.3g|%v|%G" 1234567.0 0.000012 1234.5678 1e21 1e-7 }}"#,
                "1.234567e+06|1.2e-05|1.23e+03|1e+21|1E-07"
            ),
            (#"{{ printf "%08.3f|%+.1f|% .1f|%-8.2f|" -3.14159 2.0 2.0 1.5 }}"#, "-003.142|+2.0| 2.0|1.50    |"),
            (#"{{ printf "%.0f %.0f %.1f %.2f" 0.5 1.5 0.25 1.005 }}"#, "0 2 0.2 1.00"),
            (
                #"{{ printf "%s|%q|%10s|%-10s|%.2s|%x|% x|%#q|%X" "x" "a\"b" "r" "l" "abc" "hi" "hi" "a" "hi" }}"#,
                #"x|"a\"b"|         r|l         |ab|6869|68 69|`a`|6869"#
            ),
            (#"{{ printf "%t %v %5t" true false true }}"#, "true false  true"),
            (
                #"{{ printf "%v %d %s" . . . }}"#,
                "map[a:b c:d] map[%!d(string=a):%!d(string=b) %!d(string=c):%!d(string=d)] map[a:b c:d]"
            ),
            (#"{{ printf "%T|%T|%T|%T|%T" 1 1.5 "x" . nil }}"#, "int|float64|string|map[string]string|<nil>"),
            (#"{{ printf "100%%|%d%%" 5 }}"#, "100%|5%"),
            (#"{{ printf "%[2]d %[1]d" 1 2 }}"#, "2 1"),
            (#"{{ printf "%*d|%-*d|" 5 42 4 7 }}"#, "   42|7   |"),
            (#"{{ printf "%6.2f%%" 3.14159 }}"#, "  3.14%"),
        ] as [(String, String)])
    func verbs(text: String, expected: String) {
        #expect(TemplateHarness.render(text, data: .stringMap(["a": "b", "c": "d"])) == expected)
    }

    @Test(
        "mismatches print Go's %! forms",
        arguments: [
            (#"{{ printf "%d" "x" }}"#, "%!d(string=x)"),
            (#"{{ printf "%d" }}"#, "%!d(MISSING)"),
            (#"{{ printf "x" 1 "y" }}"#, "x%!(EXTRA int=1, string=y)"),
            (#"{{ printf "%z" 1 }}"#, "%!z(int=1)"),
            (#"{{ printf "abc%" }}"#, "abc%!(NOVERB)"),
            (#"{{ printf "%d" 1.5 }}"#, "%!d(float64=1.5)"),
            (#"{{ printf "%s" 5 }}"#, "%!s(int=5)"),
            (#"{{ printf "%v %s" nil nil }}"#, "<nil> %!s(<nil>)"),
            (#"{{ printf "%f" true }}"#, "%!f(bool=true)"),
            (#"{{ printf "%[3]d" 1 }}"#, "%!d(BADINDEX)"),
            (#"{{ printf "%*d" "x" 1 }}"#, "%!(BADWIDTH)1"),
        ] as [(String, String)])
    func mismatches(text: String, expected: String) {
        #expect(TemplateHarness.render(text) == expected)
    }

    @Test("special floats in printf")
    func specialFloats() {
        let data = TemplateValue.anyMap(["inf": .float(.infinity), "ninf": .float(-.infinity), "nan": .float(.nan)])
        #expect(
            TemplateHarness.render(
                #"{{ printf "%f|%.2f|%5.1f|%v|%e|%g|%+v|%05.1f" .inf .nan .inf .ninf .nan .inf .nan .ninf }}"#,
                data: data)
                == "+Inf|NaN| +Inf|-Inf|NaN|+Inf|NaN| -Inf")
    }

    @Test("print and println spacing; action printing of values")
    func printing() {
        #expect(TemplateHarness.render(#"{{ print 1.5 2 "a" "b" 3 }}"#) == "1.5 2ab3")
        #expect(TemplateHarness.render(#"{{ println "a" 1 }}"#) == "a 1\n")
        #expect(
            TemplateHarness.render("{{ true }} {{ 1.0 }} {{ -0.0 }} {{ 0.1 }} {{ 123456789.0 }}")
                == "true 1 -0 0.1 1.23456789e+08")
        #expect(TemplateHarness.render(#"{{ printf "%v" 100000.0 }} {{ printf "%v" 1000000.0 }}"#) == "100000 1e+06")
    }

    @Test("Go float formatting helpers")
    func floatFormatting() {
        #expect(GoFloat.formatShortest(Double.leastNonzeroMagnitude) == "5e-324")
        #expect(GoFloat.formatShortest(1.7976931348623157e308) == "1.7976931348623157e+308")
        #expect(GoFloat.formatShortest(123456789012345680) == "1.2345678901234568e+17")
        #expect(GoFloat.formatShortest(0.000123) == "0.000123")
        #expect(GoFloat.formatShortest(-1234.5) == "-1234.5")
        #expect(Humanize.g4(9.223372036854776) == "9.223")
        #expect(Humanize.g4(1e-5) == "1e-05")
        #expect(Humanize.g4(123456) == "1.235e+05")
    }
}
