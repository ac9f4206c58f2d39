using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.NoticeBoard;
using TechTransfer.Persistence;
using Workflows.Engine.Contracts;

namespace TechTransfer.Pricing;

/// <summary>
/// Pricing by agreement (public notice whose window nothing cuts short; objections pause the deal until decided), by
/// listing (window; one party -> negotiation at no less than the base, two or more -> auction) and by auction (reserve,
/// bids, the highest valid bid wins, none -> failed). The owner of <c>tt_pricing</c>, <c>tt_pricing_objections</c>,
/// <c>tt_pricing_parties</c> and <c>tt_pricing_bids</c>.
/// </summary>
public sealed class PricingService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, IBusinessCalendar calendar,
    NoticeBoardPostings board)
{
    // ------------------------------------------------------------------ agreement with public notice

    public Task<PricingRecord> OpenPublicNoticeAsync(ActingUser actor, Guid inventionId, NoticeTerms terms, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(terms.Counterparty)) throw TechTransferException.Rule("required", "Name the proposed counterparty.", "counterparty");
        TextRules.Check(terms.Counterparty, "counterparty", options.Limits.Name, singleLine: true);
        TextRules.Check(terms.TransferMethod, "transferMethod", options.Limits.Name, singleLine: true);
        TextRules.Check(terms.ValuationBasis, "valuationBasis", options.Limits.Text);
        return OpenAsync(actor, inventionId, PricingMethod.Agreement, terms.Price, terms.Valuation, terms.ValuationBasis, options.Pricing.NoticeWindow,
            r =>
            {
                r.ProposedCounterparty = terms.Counterparty;
                r.RelatedParty = terms.RelatedParty;
                r.TransferMethod = terms.TransferMethod;
            }, null, ct);
    }

    /// <summary>Anyone may object while the notice runs.</summary>
    public Task<Objection> LodgeObjectionAsync(ActingUser actor, Guid pricingId, string text, CancellationToken ct = default) =>
        LodgeAsync(actor, pricingId, text, null, null, ct);

    /// <summary>
    /// A member of the public objects on the notice board, without an account: their name and how to reach them are
    /// recorded with the objection, which the office then investigates and decides like any other.
    /// </summary>
    public Task<Objection> LodgePublicObjectionAsync(Guid pricingId, string? name, string? contact, string? text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name)) throw TechTransferException.Rule("required", "Give your name.", "name");
        TextRules.Check(name, "name", options.Limits.Name, singleLine: true);
        if (string.IsNullOrWhiteSpace(contact)) throw TechTransferException.Rule("required", "Give a telephone number or an email address the office can reach you at.", "contact");
        TextRules.Check(contact, "contact", options.Limits.Name, singleLine: true);
        return LodgeAsync(ActingUser.Create(PublicObjector), pricingId, text ?? "", name.Trim(), contact.Trim(), ct);
    }

    /// <summary>Who lodged an objection from the public notice board (the objector's name and contact are on the objection).</summary>
    public const string PublicObjector = "public";

    private Task<Objection> LodgeAsync(ActingUser actor, Guid pricingId, string text, string? name, string? contact, CancellationToken ct) =>
        store.WriteAsync(async db =>
        {
            if (string.IsNullOrWhiteSpace(text)) throw TechTransferException.Rule("required", "State the objection.", "text");
            TextRules.Check(text, "text", options.Limits.Text);
            var record = await LoadAsync(db, pricingId, ct);
            if (record.Method != PricingMethod.Agreement) throw TechTransferException.Conflict("not-a-notice", "Objections are lodged against a public notice.");
            var now = clock.GetUtcNow();
            if (record.Status != PricingStatus.Open || now >= record.WindowEndsAt)
                throw TechTransferException.Conflict("notice-closed", $"The notice window ended at {record.WindowEndsAt:u}.");
            var objection = new Objection
            {
                Id = Guid.NewGuid(), PricingId = pricingId, RaisedBy = actor.UserId, ObjectorName = name, ObjectorContact = contact, Text = text, RaisedAt = now,
                Status = ObjectionStatus.Open,
            };
            db.Objections.Add(objection);
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, "notice.objection-lodged",
                name is null ? new { pricingId, objection.Id, text } : new { pricingId, objection.Id, text, objector = name, contact });
            return objection;
        }, ct);

    /// <summary>The office decides an objection after investigating it: upheld stops the deal; dismissed lets it go on.</summary>
    public Task<PricingRecord> ResolveObjectionAsync(ActingUser actor, Guid objectionId, bool upheld, string resolution, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(resolution)) throw TechTransferException.Rule("required", "Record how the objection was investigated and decided.", "resolution");
            TextRules.Check(resolution, "resolution", options.Limits.Text);
            var objection = await db.Objections.FirstOrDefaultAsync(o => o.Id == objectionId, ct) ?? throw TechTransferException.NotFound("Objection", objectionId);
            if (objection.Status != ObjectionStatus.Open) throw TechTransferException.Conflict("already-resolved", "The objection has been decided.");
            var record = await LoadAsync(db, objection.PricingId, ct);
            objection.Status = upheld ? ObjectionStatus.Upheld : ObjectionStatus.Dismissed;
            objection.Resolution = resolution;
            objection.ResolvedBy = actor.UserId;
            objection.ResolvedAt = clock.GetUtcNow();
            if (upheld && record.Status is PricingStatus.Open or PricingStatus.AwaitingObjections)
            {
                record.Status = PricingStatus.Failed;
                record.ClosedAt = clock.GetUtcNow();
                await board.TakeDownAsync(db, actor, record.Id, record.ClosedAt.Value, "objection-upheld", ct);
            }
            else if (record.Status == PricingStatus.AwaitingObjections
                     && !await db.Objections.AnyAsync(o => o.PricingId == record.Id && o.Id != objectionId && o.Status == ObjectionStatus.Open, ct))
                Conclude(record, record.ProposedCounterparty!, record.Price);
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, "notice.objection-resolved",
                new { record.Id, objectionId, upheld, resolution, status = Names.Kebab(record.Status) });
            return record;
        }, ct);

    /// <summary>Ends the notice once its window has passed (never before): concluded, or waiting on open objections.</summary>
    public Task<PricingView> ClosePublicNoticeAsync(ActingUser actor, Guid pricingId, CancellationToken ct = default) =>
        CloseAsync(actor, pricingId, PricingMethod.Agreement, async (db, record) =>
        {
            var open = await db.Objections.CountAsync(o => o.PricingId == pricingId && o.Status == ObjectionStatus.Open, ct);
            if (open > 0) record.Status = PricingStatus.AwaitingObjections;
            else Conclude(record, record.ProposedCounterparty!, record.Price);
            return new { openObjections = open };
        }, ct);

    // ------------------------------------------------------------------ listing

    public Task<PricingRecord> OpenListingAsync(ActingUser actor, Guid inventionId, decimal basePrice, decimal? valuation, string? valuationBasis,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var window = options.Pricing.ListingWindow ?? calendar.AddWorkingDays(now, options.Pricing.ListingWindowWorkingDays) - now;
        return OpenAsync(actor, inventionId, PricingMethod.Listing, basePrice, valuation, valuationBasis, window, null, null, ct);
    }

    /// <summary>A qualified party registers interest on the exchange during the window (the office records it).</summary>
    public Task RegisterInterestAsync(ActingUser actor, Guid pricingId, string party, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(party)) throw TechTransferException.Rule("required", "Name the party.", "party");
            TextRules.Check(party, "party", options.Limits.Name, singleLine: true);
            var record = await LoadAsync(db, pricingId, ct);
            if (record.Method != PricingMethod.Listing) throw TechTransferException.Conflict("not-a-listing", "Interest is registered on a listing.");
            var now = clock.GetUtcNow();
            if (record.Status != PricingStatus.Open || now >= record.WindowEndsAt)
                throw TechTransferException.Conflict("listing-closed", $"The listing window ended at {record.WindowEndsAt:u}.");
            if (await db.InterestedParties.AnyAsync(p => p.PricingId == pricingId && p.Party == party.Trim(), ct))
                throw TechTransferException.Conflict("already-registered", $"{party} has already registered.");
            db.InterestedParties.Add(new InterestedParty { PricingId = pricingId, Party = party.Trim(), RegisteredBy = actor.UserId, RegisteredAt = now });
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, "listing.interest-registered", new { pricingId, party });
        }, ct);

    /// <summary>Ends the listing once its window has passed: no party fails, one goes to negotiation, two or more to auction.</summary>
    public Task<PricingView> CloseListingAsync(ActingUser actor, Guid pricingId, CancellationToken ct = default) =>
        CloseAsync(actor, pricingId, PricingMethod.Listing, async (db, record) =>
        {
            var parties = await db.InterestedParties.Where(p => p.PricingId == pricingId).Select(p => p.Party).ToListAsync(ct);
            switch (parties.Count)
            {
                case 0:
                    record.Status = PricingStatus.Failed;
                    break;
                case 1:
                    record.Status = PricingStatus.Negotiating;
                    record.Counterparty = parties[0];
                    break;
                default:
                    record.Status = PricingStatus.ToAuction;
                    break;
            }
            return new { parties = parties.Order(StringComparer.Ordinal).ToList() };
        }, ct);

    /// <summary>The price negotiated with the one party of a listing: no less than the base price.</summary>
    public Task<PricingRecord> RecordNegotiatedPriceAsync(ActingUser actor, Guid pricingId, decimal price, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var record = await LoadAsync(db, pricingId, ct);
            if (record.Status != PricingStatus.Negotiating) throw TechTransferException.Conflict("not-negotiating", "This listing is not in negotiation.");
            if (price < record.Price)
                throw TechTransferException.Rule("below-base", $"A listing is agreed at no less than its base price {record.Price:0.00}.", "price");
            Conclude(record, record.Counterparty!, price);
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, "listing.negotiated", new { pricingId, record.Counterparty, price });
            return record;
        }, ct);

    // ------------------------------------------------------------------ auction

    /// <summary>Opens an auction at a reserve; after a listing its interested parties are the admitted bidders.</summary>
    public Task<PricingRecord> OpenAuctionAsync(ActingUser actor, Guid inventionId, decimal reserve, Guid? afterListing, CancellationToken ct = default) =>
        OpenAsync(actor, inventionId, PricingMethod.Auction, reserve, null, null, options.Pricing.AuctionWindow, null, afterListing, ct);

    /// <summary>Records a bid (the office records the exchange's bids); invalid ones are kept, marked, with the reason.</summary>
    public Task<Bid> PlaceBidAsync(ActingUser actor, Guid pricingId, string bidder, decimal amount, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(bidder)) throw TechTransferException.Rule("required", "Name the bidder.", "bidder");
            TextRules.Check(bidder, "bidder", options.Limits.Name, singleLine: true);
            var record = await LoadAsync(db, pricingId, ct);
            if (record.Method != PricingMethod.Auction) throw TechTransferException.Conflict("not-an-auction", "Bids are placed in an auction.");
            var now = clock.GetUtcNow();
            if (record.Status != PricingStatus.Open || now >= record.WindowEndsAt)
                throw TechTransferException.Conflict("auction-closed", $"The auction ended at {record.WindowEndsAt:u}.");
            string? invalid = null;
            if (amount < record.Price) invalid = $"below the reserve {record.Price:0.00}";
            else if (record.Follows is { } listing && !await db.InterestedParties.AnyAsync(p => p.PricingId == listing && p.Party == bidder.Trim(), ct))
                invalid = "not a qualified party of the listing";
            var bid = new Bid
            {
                Id = Guid.NewGuid(), PricingId = pricingId, Bidder = bidder.Trim(), Amount = amount, PlacedAt = now, Valid = invalid is null,
                InvalidReason = invalid, RecordedBy = actor.UserId,
            };
            db.Bids.Add(bid);
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, "auction.bid", new { pricingId, bid.Id, bid.Bidder, amount, bid.Valid, invalid });
            return bid;
        }, ct);

    /// <summary>Ends the auction once its window has passed: the highest valid bid (the earliest of equals) wins; none fails.</summary>
    public Task<PricingView> CloseAuctionAsync(ActingUser actor, Guid pricingId, CancellationToken ct = default) =>
        CloseAsync(actor, pricingId, PricingMethod.Auction, async (db, record) =>
        {
            var bids = await db.Bids.Where(b => b.PricingId == pricingId && b.Valid).ToListAsync(ct);
            var winner = bids.OrderByDescending(b => b.Amount).ThenBy(b => b.PlacedAt).ThenBy(b => b.Id).FirstOrDefault();
            if (winner is null) record.Status = PricingStatus.Failed;
            else Conclude(record, winner.Bidder, winner.Amount);
            return new { validBids = bids.Count, winner = winner?.Bidder, price = winner?.Amount };
        }, ct);

    // ------------------------------------------------------------------ reading

    public async Task<PricingView> GetAsync(ActingUser actor, Guid pricingId, CancellationToken ct = default)
    {
        var (view, reviewer) = await store.ReadAsync(async db =>
        {
            var found = await ViewAsync(db, pricingId, ct);
            return (found, await CaseAccess.SitsOnAReviewAsync(db, actor, found.Record.InventionId, ct));
        }, ct);
        if (!actor.IsOffice && !actor.IsProcess && !reviewer)
        {
            // Anyone may read a public notice to object to it; the rest is the office's and the committee's.
            if (view.Record.Method != PricingMethod.Agreement) throw TechTransferException.NotFound("Pricing", pricingId);
            return view with { Objections = view.Objections.Where(o => o.RaisedBy == actor.UserId).ToList(), Parties = [], Bids = [] };
        }
        return view;
    }

    public async Task<List<PricingRecord>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        var list = await store.ReadAsync(async db =>
        {
            // The office, and the committee that reviews or reviewed the case (CaseAccess).
            if (!actor.IsOffice && !actor.IsProcess && !await CaseAccess.SitsOnAReviewAsync(db, actor, inventionId, ct))
                throw TechTransferException.Forbidden("Only the office and the committee that reviews the case see its pricing.");
            return await db.Pricings.Where(p => p.InventionId == inventionId).ToListAsync(ct);
        }, ct);
        return list.OrderBy(p => p.OpenedAt).ToList();
    }

    /// <summary>The invention's pricing by this method that is still open, if any (a re-run step finds what it opened).</summary>
    public async Task<PricingRecord?> FindOpenAsync(Guid inventionId, PricingMethod method, CancellationToken ct = default) =>
        await store.ReadAsync(db => db.Pricings.FirstOrDefaultAsync(p => p.InventionId == inventionId && p.Method == method && p.Status == PricingStatus.Open, ct), ct);

    /// <summary>Refuses signing on a pricing that is not concluded: a notice still running, or objections still open.</summary>
    internal static async Task<PricingRecord> EnsureSignableAsync(TechTransferDbContext db, Guid pricingId, DateTimeOffset now, CancellationToken ct)
    {
        var record = await LoadAsync(db, pricingId, ct);
        if (record.Method == PricingMethod.Agreement)
        {
            if (now < record.WindowEndsAt)
                throw TechTransferException.Conflict("notice-window-running", $"The public notice runs until {record.WindowEndsAt:u}; nothing is signed before.", "pricingId");
            if (await db.Objections.AnyAsync(o => o.PricingId == pricingId && o.Status == ObjectionStatus.Open, ct))
                throw TechTransferException.Conflict("objection-open", "An objection to the notice is still open; it must be decided before signing.", "pricingId");
        }
        if (record.Status != PricingStatus.Concluded)
            throw TechTransferException.Conflict("pricing-not-concluded", $"The pricing is {Names.Kebab(record.Status)}, not concluded: nothing is signed on it.", "pricingId");
        return record;
    }

    private Task<PricingRecord> OpenAsync(ActingUser actor, Guid inventionId, PricingMethod method, decimal price, decimal? valuation, string? basis,
        TimeSpan window, Action<PricingRecord>? details, Guid? afterListing, CancellationToken ct) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (price <= 0) throw TechTransferException.Rule("price-not-positive", "The price must be above zero.", "price");
            if (valuation is <= 0) throw TechTransferException.Rule("valuation-not-positive", "The valuation must be above zero.", "valuation");
            if (window <= TimeSpan.Zero) throw new InvalidOperationException($"The configured {method} window must be positive.");
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (await db.Pricings.AnyAsync(p => p.InventionId == inventionId && p.Status == PricingStatus.Open, ct))
                throw TechTransferException.Conflict("pricing-open", $"{invention.CaseNumber} already has a pricing under way.");
            var now = clock.GetUtcNow();
            var record = new PricingRecord
            {
                Id = Guid.NewGuid(), InventionId = inventionId, Method = method, Status = PricingStatus.Open, Price = price, Valuation = valuation,
                ValuationBasis = basis, OpenedAt = now, WindowEndsAt = now + window, OpenedBy = actor.UserId, Follows = afterListing,
            };
            details?.Invoke(record);
            if (afterListing is { } listingId)
            {
                var listing = await LoadAsync(db, listingId, ct);
                if (listing.Status != PricingStatus.ToAuction || listing.InventionId != inventionId)
                    throw TechTransferException.Conflict("listing-not-to-auction", "Only a listing with two or more parties continues as an auction.");
                listing.FollowedBy = record.Id;
                listing.Version++;
            }
            db.Pricings.Add(record);
            invention.Status = InventionStatus.Pricing;
            invention.Version++;
            await evidence.AppendAsync(db, inventionId, actor, $"{Names.Kebab(method)}.opened", new
            {
                record.Id, price, valuation, basis, record.WindowEndsAt, window = window.ToString("c"), record.ProposedCounterparty, record.RelatedParty,
                record.TransferMethod, afterListing,
            });
            // A notice or a listing is public from the moment it opens: on the board, in the same transaction.
            if (method is PricingMethod.Agreement or PricingMethod.Listing) await board.PostNoticeOrListingAsync(db, actor, invention, record, ct);
            return record;
        }, ct);

    private Task<PricingView> CloseAsync(ActingUser actor, Guid pricingId, PricingMethod method, Func<TechTransferDbContext, PricingRecord, Task<object>> close,
        CancellationToken ct) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var record = await LoadAsync(db, pricingId, ct);
            if (record.Method != method) throw TechTransferException.Conflict("wrong-method", $"This pricing is by {Names.Kebab(record.Method)}.");
            var now = clock.GetUtcNow();
            if (record.Status != PricingStatus.Open)
                return await ViewAsync(db, pricingId, ct); // closed already (a timer fired twice): the same answer
            if (now < record.WindowEndsAt)
                throw TechTransferException.Conflict("window-running", $"The {Names.Kebab(method)} window runs until {record.WindowEndsAt:u}; it cannot be cut short.");
            record.ClosedAt = now;
            var facts = await close(db, record);
            record.Version++;
            await evidence.AppendAsync(db, record.InventionId, actor, $"{Names.Kebab(method)}.closed",
                new { pricingId, status = Names.Kebab(record.Status), record.Counterparty, record.FinalPrice, facts });
            await board.TakeDownAsync(db, actor, pricingId, now, "window-ended", ct);
            await db.SaveChangesAsync(ct);
            return await ViewAsync(db, pricingId, ct);
        }, ct);

    private static void Conclude(PricingRecord record, string counterparty, decimal price)
    {
        record.Status = PricingStatus.Concluded;
        record.Counterparty = counterparty;
        record.FinalPrice = price;
    }

    private static async Task<PricingView> ViewAsync(TechTransferDbContext db, Guid pricingId, CancellationToken ct)
    {
        var record = await db.Pricings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pricingId, ct) ?? throw TechTransferException.NotFound("Pricing", pricingId);
        var objections = (await db.Objections.AsNoTracking().Where(o => o.PricingId == pricingId).ToListAsync(ct)).OrderBy(o => o.RaisedAt).ToList();
        var parties = (await db.InterestedParties.AsNoTracking().Where(p => p.PricingId == pricingId).ToListAsync(ct)).OrderBy(p => p.RegisteredAt).ToList();
        var bids = (await db.Bids.AsNoTracking().Where(b => b.PricingId == pricingId).ToListAsync(ct)).OrderBy(b => b.PlacedAt).ToList();
        return new PricingView(record, objections, parties, bids);
    }

    private static async Task<PricingRecord> LoadAsync(TechTransferDbContext db, Guid id, CancellationToken ct) =>
        await db.Pricings.FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw TechTransferException.NotFound("Pricing", id);
}
