using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Fuzzing;

/// <summary>
/// The CSV reading path of an import (bytes → characters → records → header names → column types and decimals) on
/// hostile text: only clear validation errors, never a crash or a hang.
/// </summary>
public sealed class CsvFuzzTests
{
    private static readonly string[] Fragments =
    [
        "\"", "\"\"", ",", ";", "\t", "\r", "\n", "\r\n", "\uFEFF", "\0", " ", "a", "id", "Name", "x", "é", "Ü", "€", "😀", "\u200B",
        "1", "-2", "3.5", "3,5", "1 000,25", "1,000.25", "1e5", "NaN", "true", "FALSE", "NULL", "2026-01-31", "31/01/2026",
        "01/31/2026", "2026-01-31T10:00:00", "1 234", "+7", ".", "00012", "a\"b", "\"a,b\"", "\"\"\"\"", new string('x', 3000),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record CsvCase(byte[] Bytes, CsvEncoding Encoding, char? Delimiter, long? MaxBytes);

    private static readonly Gen<CsvCase> Cases =
        from bytes in Gen.Frequency(
            (6, Fuzz.Soup(Fragments).Select(Encoding.UTF8.GetBytes)),
            (2, Fuzz.Soup(Fragments).Select(t => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(t)).ToArray())),
            (2, Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()),
            (1, Fuzz.Soup(Fragments).Select(t => Encoding.Unicode.GetBytes(t))))
        from encoding in Gen.Elements(Enum.GetValues<CsvEncoding>())
        from delimiter in Gen.Elements<char?>(null, ',', ';', '\t', '|')
        from max in Gen.Elements<long?>(null, null, null, 16, 1024)
        select new CsvCase(bytes, encoding, delimiter, max);

    [Fact]
    public Task Reading_any_bytes_gives_records_or_a_clear_error() =>
        Fuzz.RunAsync("CSV import reading", Cases, ReadAllAsync,
            c => $"{c.Encoding}, delimiter {(c.Delimiter is { } d ? ((int)d).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) : "auto")}, "
                + $"max {c.MaxBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, bytes {Convert.ToHexString(c.Bytes)}",
            suiteDefault: 1500, typeof(CockpitValidationException));

    [Fact]
    public Task Header_names_are_always_valid_identifiers() =>
        Fuzz.RunAsync("CSV header names", Fuzz.Soup(Fragments).Or(Fuzz.AnyText).ListOf().Select(l => l.ToArray()), headers =>
            {
                var (names, _) = CsvHeader.Sanitise(headers);
                Assert.Equal(headers.Length, names.Count);
                Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
                Assert.All(names, n => Assert.Matches("^[a-z_][a-z0-9_]*$", n));
                return Task.CompletedTask;
            },
            headers => string.Join(" | ", headers), suiteDefault: 1000);

    [Fact]
    public async Task Regression_a_header_with_a_lone_surrogate_is_cleaned_not_a_crash()
    {
        var (names, _) = CsvHeader.Sanitise(["caf\u00E9\uD800", "\uDC00"]);

        Assert.Equal(["cafe", "column_2"], names);
        await Task.CompletedTask;
    }

    private static async Task ReadAllAsync(CsvCase c)
    {
        using var stream = new MemoryStream(c.Bytes);
        var parser = new CsvParser(new CsvTextSource(stream, c.Encoding, c.MaxBytes), c.Delimiter);
        var first = await parser.ReadAsync(Ct);
        if (first == CsvRead.End)
        {
            return;
        }

        if (first == CsvRead.Malformed)
        {
            Assert.False(string.IsNullOrWhiteSpace(parser.Problem));
            return;
        }

        var (names, _) = CsvHeader.Sanitise([.. parser.Fields]);
        var profiles = names.Select(_ => new CsvColumnProfile()).ToArray();
        for (var read = await parser.ReadAsync(Ct); read != CsvRead.End; read = await parser.ReadAsync(Ct))
        {
            Assert.True(parser.EndLine >= parser.StartLine);
            if (read == CsvRead.Malformed)
            {
                Assert.False(string.IsNullOrWhiteSpace(parser.Problem));
                continue;
            }

            if (parser.Fields.Count == names.Count)
            {
                for (var i = 0; i < profiles.Length; i++)
                {
                    profiles[i].Observe(parser.Fields[i]);
                }
            }
        }

        foreach (var reading in Enum.GetValues<CsvDecimalReading>())
        {
            foreach (var profile in profiles)
            {
                profile.Decide(reading);
            }
        }
    }
}
