namespace TechTransfer.OpenLicences;

/// <summary>How an open licence's fee (许可使用费支付方式) is charged: a lump sum, a royalty on a stated base, or both.</summary>
public enum OpenLicenceFeeMethod { LumpSum, Royalty, LumpSumAndRoyalty }
