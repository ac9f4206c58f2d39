namespace TechTransfer.Committees;

/// <summary>Why a member is recused: they declared a tie, or the review recused them when it opened because they are an
/// inventor on the case or a declared related person of the proposed counterparty.</summary>
public enum RecusalReason { Declared, Inventor, RelatedPerson }
