namespace TechTransfer.Portfolio.Import;

/// <summary>
/// The answer to an import, previewed or committed: the file (name, SHA-256), how many rows, what each row does, and every
/// problem by row and column. Nothing is written unless <see cref="Committed"/>; a file with an error is never committed.
/// </summary>
public sealed record ImportReport(string FileName, string Sha256, int Rows, int New, int Updated, int Unchanged,
    IReadOnlyList<ImportProblem> Problems, IReadOnlyList<ImportRowOutcome> Outcomes, bool Committed)
{
    public int Errors => Problems.Count(p => p.Error);
    public int Warnings => Problems.Count(p => !p.Error);
    public bool CanCommit => Errors == 0 && Rows > 0;
}
