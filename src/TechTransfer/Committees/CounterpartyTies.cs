namespace TechTransfer.Committees;

/// <summary>The proposed counterparty of a transfer and the people the office declared related to it (user ids: a
/// relative, a shareholder, a director); a member among them is recused when the review opens.</summary>
public sealed record CounterpartyTies(string? Counterparty, IReadOnlyCollection<string> RelatedPersons);
