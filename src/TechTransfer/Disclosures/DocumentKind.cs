namespace TechTransfer.Disclosures;

/// <summary>
/// What an attachment is for the evidence pack: the documents an auditor asks for besides the disclosure's own files
/// (DOMAIN.md, "Evidence an auditor asks for"). Each is stored with its SHA-256, which its evidence entry records.
/// </summary>
public enum DocumentKind
{
    /// <summary>The technology exchange's listing record (挂牌公告及挂牌交易记录).</summary>
    ListingRecord,
    /// <summary>The auction's record (拍卖/竞价记录).</summary>
    AuctionRecord,
    /// <summary>The signed contract (签订的合同).</summary>
    SignedContract,
    /// <summary>The technology-contract registration (技术合同认定登记).</summary>
    ContractRegistration,
    /// <summary>The patent authority's recordal or registration notice (专利实施许可合同备案通知书 / 手续合格通知书).</summary>
    RecordalNotice,
    /// <summary>A proof of payment received or paid (付款凭证).</summary>
    PaymentProof,
    /// <summary>The leadership meeting's signed minutes (领导班子会议纪要).</summary>
    LeadershipMinutes,
    /// <summary>The committee meeting's signed minutes (委员会会议纪要).</summary>
    CommitteeMinutes,
    /// <summary>The valuation report (资产评估报告).</summary>
    ValuationReport,
}
