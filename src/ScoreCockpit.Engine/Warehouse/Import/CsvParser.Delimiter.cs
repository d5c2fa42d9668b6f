namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>Delimiter detection: the header line is read ahead (kept in the buffer) and its candidates counted.</summary>
internal sealed partial class CsvParser
{
    /// <summary>The candidate seen most often outside quotes on the first non-empty line (the header); a comma if none.</summary>
    private async ValueTask<char> DetectDelimiterAsync(CancellationToken ct)
    {
        var scanned = 0;
        var quoted = false;
        var lineHasText = false;
        while (true)
        {
            if (scanned == len && !await FillAsync(ct))
            {
                break;
            }

            var c = buffer[scanned++];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted && lineHasText)
            {
                break;
            }

            lineHasText |= c != '\n';
        }

        var header = buffer.AsSpan(0, scanned);
        var best = ',';
        var bestCount = 0;
        foreach (var candidate in CsvDelimiters.Detected)
        {
            var count = CountOutsideQuotes(header, candidate);
            if (count > bestCount)
            {
                (best, bestCount) = (candidate, count);
            }
        }

        return best;
    }

    private static int CountOutsideQuotes(ReadOnlySpan<char> text, char wanted)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in text)
        {
            quoted ^= c == '"';
            count += !quoted && c == wanted ? 1 : 0;
        }

        return count;
    }
}
