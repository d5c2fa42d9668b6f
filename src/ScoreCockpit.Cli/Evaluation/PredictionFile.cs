using System.Globalization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Cli.Evaluation;

/// <summary>
/// The label and score columns of a delimited text file, read line by line into growing primitive arrays so that
/// ten million rows cost about 9 bytes each. Numbers are parsed culture-invariantly; quoted fields are understood
/// but a quoted field may not span lines.
/// </summary>
public sealed class PredictionFile
{
    private double[] _scores = new double[1 << 16];
    private bool[] _labels = new bool[1 << 16];

    public int Count { get; private set; }

    public ReadOnlySpan<double> Scores => _scores.AsSpan(0, Count);

    public ReadOnlySpan<bool> Labels => _labels.AsSpan(0, Count);

    /// <summary>Reads the file or throws a <see cref="CockpitValidationException"/> naming the file, line and column at fault.</summary>
    public static PredictionFile Read(string path, string labelColumn, string scoreColumn, char delimiter)
    {
        using var reader = Open(path);
        var name = path;
        var header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new CockpitValidationException($"{name}: the file is empty; it needs a header line naming the columns, then one line per row.");
        }

        var columns = new List<string>();
        foreach (var field in new FieldReader(header.TrimStart('\uFEFF'), delimiter))
        {
            columns.Add(field.ToString().Trim());
        }

        int labelAt = Locate(columns, labelColumn, name), scoreAt = Locate(columns, scoreColumn, name);
        var file = new PredictionFile();
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            ReadOnlySpan<char> label = default, score = default;
            var index = 0;
            var found = 0;
            foreach (var field in new FieldReader(line, delimiter))
            {
                if (index == labelAt)
                {
                    label = field.Trim();
                    found++;
                }

                if (index == scoreAt)
                {
                    score = field.Trim();
                    found++;
                }

                if (found == 2 || ++index > Math.Max(labelAt, scoreAt))
                {
                    break;
                }
            }

            if (found < 2)
            {
                throw new CockpitValidationException(
                    $"{name}: line {lineNumber} has {index} field(s), too few to hold columns '{labelColumn}' and '{scoreColumn}'.");
            }

            file.Add(ParseLabel(label, name, lineNumber, labelColumn), ParseScore(score, name, lineNumber, scoreColumn));
        }

        return file.Count > 0
            ? file
            : throw new CockpitValidationException($"{name}: the file has a header line but no rows to evaluate.");
    }

    private void Add(bool label, double score)
    {
        if (Count == _scores.Length)
        {
            Array.Resize(ref _scores, _scores.Length * 2);
            Array.Resize(ref _labels, _labels.Length * 2);
        }

        _scores[Count] = score;
        _labels[Count] = label;
        Count++;
    }

    private static bool ParseLabel(ReadOnlySpan<char> text, string file, int line, string column) => text switch
    {
        "1" => true,
        "0" => false,
        _ when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        _ when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new CockpitValidationException(
            $"{file}: line {line}, column '{column}': the label '{text}' is not 0, 1, true or false."),
    };

    private static double ParseScore(ReadOnlySpan<char> text, string file, int line, string column)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
        {
            throw new CockpitValidationException(
                $"{file}: line {line}, column '{column}': the score '{text}' is not a number (use a dot for decimals).");
        }

        return double.IsFinite(score)
            ? score
            : throw new CockpitValidationException($"{file}: line {line}, column '{column}': the score '{text}' is not a finite number.");
    }

    private static int Locate(List<string> columns, string wanted, string file)
    {
        var at = columns.FindIndex(c => c.Equals(wanted, StringComparison.Ordinal));
        if (at < 0)
        {
            at = columns.FindIndex(c => c.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        }

        return at >= 0 ? at : throw new CockpitValidationException(
            $"{file}: line 1: there is no column '{wanted}'; the columns are: {string.Join(", ", columns.Select(c => $"'{c}'"))}.");
    }

    private static StreamReader Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CockpitValidationException($"'{path}' is a folder; give the path of a CSV file.");
        }

        try
        {
            return new StreamReader(path, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CockpitValidationException($"The file '{path}' does not exist.");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CockpitValidationException($"The file '{path}' cannot be read: {e.Message}");
        }
    }
}
