using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TechTransfer;
using TechTransfer.Persistence;
using TechTransfer.Portfolio.Import;
using Workflows.Testing;

namespace Workflows.Bench.Portfolio;

/// <summary>
/// The portfolio import of a register of <c>--portfolio-rows</c> patents (10,000 by default; the generated sample the
/// tests import, with Chinese titles and names): the preview of the CSV and of the same rows as .xlsx (read and check every
/// row, write nothing), the commit (all rows new, one transaction), and the same file again (every row unchanged), on
/// SQLite and PostgreSQL. The bar: 10,000 rows in under a minute on the 2-core machine.
/// </summary>
public static class PortfolioImportBench
{
    public sealed record Figure(string Store, int Rows, double CsvPreviewSeconds, double XlsxPreviewSeconds, double CommitSeconds, double ReimportSeconds)
    {
        public double RowsPerSecond => Rows / CommitSeconds;
    }

    public static async Task<List<Figure>> RunAsync(BenchOptions options)
    {
        var rows = SamplePortfolio.Rows(options.PortfolioRows);
        var csv = Encoding.UTF8.GetBytes(SamplePortfolio.Csv(rows));
        byte[] xlsx;
        using (var stream = new MemoryStream())
        {
            stream.SaveAs(SamplePortfolio.Records(rows), excelType: ExcelType.XLSX);
            xlsx = stream.ToArray();
        }
        Console.WriteLine($"register: {rows.Count:N0} patents, CSV {csv.Length / 1024.0 / 1024:F1} MB, .xlsx {xlsx.Length / 1024.0 / 1024:F1} MB");
        var figures = new List<Figure>();
        foreach (var provider in options.Providers)
        {
            var db = await BenchDatabase.CreateAsync(options, provider, "portfolio-import");
            await new TechTransferDatabase(provider, db.ConnectionString).MigrateAsync();
            var data = Path.Combine(options.DataFolder, "portfolio-" + db.Label);
            Directory.CreateDirectory(data);
            var domainOptions = new TechTransferOptions();
            domainOptions.Portfolio.MaxImportRows = Math.Max(domainOptions.Portfolio.MaxImportRows, rows.Count);
            domainOptions.Portfolio.MaxImportBytes = Math.Max(domainOptions.Portfolio.MaxImportBytes, Math.Max(csv.Length, xlsx.Length) + 1);
            await using var services = new ServiceCollection().AddTechTransfer(new TechTransferSettings(provider, db.ConnectionString, data), domainOptions)
                .BuildServiceProvider();
            var import = services.GetRequiredService<PortfolioImport>();
            var office = ActingUser.Create("bench-office", DomainRoles.TechnologyManager);

            var csvPreview = await TimeAsync(() => import.PreviewAsync(office, csv, "register.csv"));
            var xlsxPreview = await TimeAsync(() => import.PreviewAsync(office, xlsx, "register.xlsx"));
            var commit = await TimeAsync(() => import.CommitAsync(office, csv, "register.csv", null));
            var again = await TimeAsync(() => import.CommitAsync(office, csv, "register.csv", null));
            if (commit.Report.New != rows.Count || again.Report.Unchanged != rows.Count)
                throw new InvalidOperationException($"the import did not do what it should: {commit.Report.New} new, then {again.Report.Unchanged} unchanged of {rows.Count}");
            var figure = new Figure(db.Label, rows.Count, csvPreview.Seconds, xlsxPreview.Seconds, commit.Seconds, again.Seconds);
            Console.WriteLine($"{figure.Store,-10} {rows.Count:N0} rows: preview CSV {figure.CsvPreviewSeconds:F2} s, preview .xlsx {figure.XlsxPreviewSeconds:F2} s, " +
                              $"commit {figure.CommitSeconds:F2} s ({figure.RowsPerSecond:N0} rows/s), same file again {figure.ReimportSeconds:F2} s");
            figures.Add(figure);
        }
        return figures;
    }

    private static async Task<(ImportReport Report, double Seconds)> TimeAsync(Func<Task<ImportReport>> run)
    {
        var clock = Stopwatch.StartNew();
        var report = await run();
        if (!report.CanCommit) throw new InvalidOperationException($"the generated register has {report.Errors} error(s): {report.Problems.First(p => p.Error).Problem}");
        return (report, clock.Elapsed.TotalSeconds);
    }
}
