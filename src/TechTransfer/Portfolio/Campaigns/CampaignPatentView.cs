namespace TechTransfer.Portfolio.Campaigns;

/// <summary>One patent of a campaign with its portfolio record (for lists, the export and the pages).</summary>
public sealed record CampaignPatentView(CampaignEntry Entry, Patent Patent);
