using System.Text.Json;
using TechTransfer.Evidence;

namespace TechTransfer.NoticeBoard;

/// <summary>
/// Compares the board's postings with the evidence of their publication: each posting's text still hashes to its
/// SHA-256 and is the text the evidence says was posted; a posting taken down has its entry; and no posting the
/// evidence records has vanished from the board. A rewritten notice, or one removed from the board's archive, shows.
/// </summary>
public static class BoardPostingReconciliation
{
    public static string? FirstDifference(IReadOnlyList<BoardPosting> postings, IReadOnlyList<EvidenceEntry> entries)
    {
        var posted = new Dictionary<Guid, (int Sequence, string? Text, string? Sha256)>();
        var removed = new HashSet<Guid>();
        foreach (var e in entries.Where(e => e.Action is NoticeBoardPostings.Posted or NoticeBoardPostings.Removed))
        {
            using var doc = JsonDocument.Parse(e.Payload);
            if (!doc.RootElement.TryGetProperty("id", out var idValue) || !idValue.TryGetGuid(out var id)) continue;
            if (e.Action == NoticeBoardPostings.Removed) removed.Add(id);
            else posted[id] = (e.Sequence, Text(doc.RootElement, "text"), Text(doc.RootElement, "sha256"));
        }
        foreach (var p in postings.OrderBy(p => p.ShownFrom))
        {
            var what = $"the board's posting {p.Id}";
            if (!posted.Remove(p.Id, out var ev)) return $"{what} has no evidence of its publication";
            if (BoardText.Sha256(p.Text) != p.Sha256) return $"{what}: its text no longer hashes to its SHA-256 {p.Sha256}";
            if (p.Sha256 != ev.Sha256 || p.Text != ev.Text) return $"{what} shows a text other than the one evidence entry {ev.Sequence} records as published";
            if (p.RemovedAt is not null && !removed.Contains(p.Id)) return $"{what} was taken down without evidence of it";
        }
        return posted.Count > 0 ? $"the board's posting {posted.Keys.First()} recorded in evidence entry {posted.Values.First().Sequence} is no longer on the board" : null;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
