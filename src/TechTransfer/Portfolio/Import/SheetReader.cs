using System.Globalization;
using System.Text;
using CsvHelper;
using MiniExcelLibs;

namespace TechTransfer.Portfolio.Import;

/// <summary>
/// Reads an uploaded register: Excel (.xlsx, by MiniExcel; its first sheet) or CSV (by CsvHelper; comma, semicolon or tab,
/// UTF-8 with or without a byte-order mark, or GB18030 as Chinese Excel saves CSV). Fully blank rows are skipped; more than
/// <paramref name="maxRows"/> data rows is refused before any is checked.
/// </summary>
public static class SheetReader
{
    public static ImportSheet Read(byte[] content, string fileName, int maxRows)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var zip = content.Length >= 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        if (extension == ".xls")
            throw Refused("unsupported-format", "The old Excel format (.xls) is not read: save the file as .xlsx or .csv.");
        if (extension == ".xlsx" || zip)
        {
            if (!zip) throw Refused("unreadable-file", $"'{fileName}' is not an Excel (.xlsx) file.");
            return ReadXlsx(content, maxRows);
        }
        if (extension is ".csv" or ".txt" or "") return ReadCsv(Decode(content), maxRows);
        throw Refused("unsupported-format", $"'{fileName}' is neither .xlsx nor .csv.");
    }

    private static ImportSheet ReadXlsx(byte[] content, int maxRows)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            raw = [];
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                raw.Add(row);
                if (raw.Count > maxRows + 1 + 1000) break; // enough to say it is too long, without reading a huge sheet
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or FormatException or System.Xml.XmlException)
        {
            throw Refused("unreadable-file", $"The Excel file cannot be read: {e.Message}");
        }
        if (raw.Count == 0) throw Refused("empty-file", "The file has no header row.");
        var columns = raw[0].Keys.ToList();
        var headers = columns.Select(c => Text(raw[0][c]) ?? "").ToList();
        var rows = new List<ImportSheetRow>();
        for (var i = 1; i < raw.Count; i++)
        {
            var cells = columns.Select(c => raw[i].TryGetValue(c, out var v) ? Text(v) : null).ToList();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportSheetRow(i + 1, cells));
        }
        return Checked(headers, rows, maxRows);
    }

    private static ImportSheet ReadCsv(string text, int maxRows)
    {
        // The header is read as a row like the others (its cells kept as written); the separator is detected.
        var options = CsvReaderOptions.Default with { HasHeader = false, TrackLineNumbers = true, MaxRecordSize = 1024 * 1024 };
        List<string> headers = [];
        var rows = new List<ImportSheetRow>();
        var first = true;
        try
        {
            using var csv = CsvReader.FromText(text, options);
            while (csv.Read())
            {
                var cells = new List<string?>(csv.FieldCount);
                for (var i = 0; i < csv.FieldCount; i++) cells.Add(csv.GetStringOrNull(i) is { } c && !string.IsNullOrWhiteSpace(c) ? c.Trim() : null);
                if (first)
                {
                    headers = cells.Select(c => c ?? "").ToList();
                    first = false;
                    continue;
                }
                if (cells.All(c => c is null)) continue;
                rows.Add(new ImportSheetRow((int)csv.LineNumber, cells));
                if (rows.Count > maxRows) break;
            }
        }
        catch (CsvFormatException e)
        {
            throw Refused("unreadable-file", $"The CSV file cannot be read near line {e.LineNumber}: {e.Message}");
        }
        if (first) throw Refused("empty-file", "The file has no header row.");
        return Checked(headers, rows, maxRows);
    }

    private static ImportSheet Checked(List<string> headers, List<ImportSheetRow> rows, int maxRows)
    {
        if (rows.Count > maxRows)
            throw Refused("too-many-rows", $"One import takes at most {maxRows:N0} patents; this file has more. Split it into several files.");
        return new ImportSheet(headers, rows);
    }

    /// <summary>UTF-8 (a byte-order mark dropped) when the bytes are UTF-8, else GB18030 (what Chinese Excel writes as "CSV").</summary>
    private static string Decode(byte[] content)
    {
        var start = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd (a date-formatted cell comes as a date), numbers invariant.</summary>
    private static string? Text(object? value) => value switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        decimal n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => value.ToString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null,
    };

    private static TechTransferException Refused(string code, string message) => TechTransferException.Rule(code, message, "file");
}
