namespace TechTransfer.Evidence;

/// <summary>
/// The no-conflict and no-personal-gain statement (无利益冲突及不谋取私利声明) that the evidence records, word for word, for
/// each committee member who votes and each staff member who sets a price or an agreement: the exemption covers only
/// people who gained nothing (State Council 2016 No. 16, art. 10). A member with a tie declares it instead and is recused.
/// </summary>
public static class NoConflictStatement
{
    public const string Chinese = "本人声明：本人及近亲属与本项科技成果转化的交易对象不存在关联关系或其他利益冲突，本人未在本项交易中谋取任何私利。";
    public const string English = "I declare that neither I nor my close relatives have any tie to the counterparty of this transfer or any other conflict of interest, and that I have sought no personal gain from it.";

    /// <summary>The statement as an entry's payload holds it.</summary>
    public static object Text => new { zh = Chinese, en = English };
}
