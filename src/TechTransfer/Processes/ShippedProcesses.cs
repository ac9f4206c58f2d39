namespace TechTransfer.Processes;

/// <summary>
/// The one catalog of what code refers to in the shipped processes (<c>workflows/*.bpmn</c>): process ids, the stages
/// the main process calls, and the steps (user tasks, messages) that endpoints, pages and reports name. Code uses these
/// constants, never string literals; a test parses the shipped files and checks every entry, and publishing a new
/// version of a shipped process that drops one is refused (<see cref="ShippedProcessCheck"/>). Everything else in the
/// files (names, timers, assignees, reminders, forms' labels) is the administrator's to change in the designer
/// (doc/tech-transfer.md, "What the designer may change"). It lives in the domain because the processes and their
/// handlers are the domain's; the engine knows nothing of it.
/// </summary>
public static class ShippedProcesses
{
    /// <summary>The main process a submitted disclosure starts; it calls the <see cref="Stages"/>.</summary>
    public static class Transfer
    {
        public const string Id = "invention-transfer";
        public const string Apply = "Task_Apply";
        public const string Prepare = "Task_Prepare";
        /// <summary>The leadership's collective decision (领导班子集体决策) on a deal that needs one, before signing.</summary>
        public const string Leadership = "Task_Leadership";
        public const string Sign = "Task_Sign";
        public const string Income = "Task_Income";
    }

    public static class Disclosure
    {
        public const string Id = "disclosure";
        public const string Screen = "Task_Screen";
        /// <summary>The inventor's answer to the office's questions (done on the invention's page).</summary>
        public const string Revise = "Task_Revise";
    }

    public static class Assessment
    {
        public const string Id = "pre-filing-assessment";
        public const string Score = "Task_Score";
    }

    public static class Committee
    {
        public const string Id = "committee-review";
        /// <summary>A member's conflict declaration or vote (the committee room).</summary>
        public const string Vote = "Task_Vote";
        /// <summary>The chair's close with minutes and attendance (the committee room).</summary>
        public const string Close = "Task_Close";
        /// <summary>A member's part of the vote ends here (an absent member's vote step is moved to it).</summary>
        public const string MemberDone = "End_Member";
    }

    public static class PricingAgreement
    {
        public const string Id = "pricing-agreement";
        public const string Investigate = "Task_Investigate";
        /// <summary>The message (its name) the public notice catches, correlated by the case number.</summary>
        public const string ObjectionMessage = "PublicNoticeObjection";
    }

    public static class PricingListing
    {
        public const string Id = "pricing-listing";
        public const string Negotiate = "Task_Negotiate";
    }

    public static class PricingAuction
    {
        public const string Id = "pricing-auction";
    }

    public static class Filing
    {
        public const string Id = "licence-filing";
        public const string File = "Task_File";
        /// <summary>The office head's step once the recordal deadline passed.</summary>
        public const string Overdue = "Task_Overdue";
        public const string Decision = "Task_Decision";
    }

    /// <summary>
    /// One payment to the inventors: the reward on grant or the remuneration of an income, decided, published, paid.
    /// Started by the signal <see cref="RewardDueSignal"/> that <see cref="Transfer"/> throws (a grant recorded with the
    /// application, the first income), or by the host (a grant recorded later, every later income).
    /// </summary>
    public static class RewardPayment
    {
        public const string Id = "reward-payment";
        /// <summary>The office decides the reward on grant (and the office head once its deadline passed).</summary>
        public const string Decide = "Task_DecideReward";
        public const string DecisionOverdue = "Task_DecisionOverdue";
        /// <summary>The payment, after the publication window (and the office head's once its deadline passed).</summary>
        public const string Pay = "Task_PayReward";
        public const string PaymentOverdue = "Task_PaymentOverdue";
        public const string RewardDueSignal = "reward-due";
    }

    /// <summary>The technology-contract registration (技术合同认定登记) after signing, started by the signal
    /// <see cref="AgreementSignedSignal"/> that <see cref="Transfer"/> throws beside the recordal.</summary>
    public static class ContractRegistration
    {
        public const string Id = "contract-registration";
        public const string Register = "Task_RegisterContract";
        public const string AgreementSignedSignal = "agreement-signed";
    }

    /// <summary>
    /// The keep-or-abandon decision before a portfolio patent's annual fee is due, started by the fee calendar the
    /// configured lead time before the due date (business key: the patent number).
    /// </summary>
    public static class PatentFeeDecision
    {
        public const string Id = "patent-fee-decision";
        /// <summary>The inventors' view (those with an account).</summary>
        public const string InventorView = "Task_InventorView";
        /// <summary>The office's decision (and the office head's once its deadline passed).</summary>
        public const string Decide = "Task_DecideFee";
        public const string DecideOverdue = "Task_DecideFeeOverdue";
    }

    /// <summary>
    /// One patent of an inventory campaign (盘点): the inventors' self-grading (the college's, then the office's once
    /// overdue), the college's and the university's reviews, the pool, and the idle rule's task (business key: the patent
    /// number; variables campaignId, patentId).
    /// </summary>
    public static class PatentInventoryGrading
    {
        public const string Id = "patent-inventory-grading";
        public const string Grade = "Task_Grade";
        public const string GradeByCollege = "Task_GradeByCollege";
        public const string GradeByOffice = "Task_GradeByOffice";
        public const string CollegeReview = "Task_CollegeReview";
        public const string UniversityReview = "Task_UniversityReview";
        public const string IdleFunded = "Task_IdleFunded";
    }

    /// <summary>The stages <see cref="Transfer"/> calls (call activities), in the order it calls them.</summary>
    public static readonly IReadOnlyList<string> Stages =
        [Disclosure.Id, Assessment.Id, Committee.Id, PricingAgreement.Id, PricingListing.Id, PricingAuction.Id, Filing.Id];

    /// <summary>Every shipped process: the main process, its stages, then the processes its signals start, then the portfolio's.</summary>
    public static readonly IReadOnlyList<string> All = [Transfer.Id, .. Stages, RewardPayment.Id, ContractRegistration.Id, PatentFeeDecision.Id,
        PatentInventoryGrading.Id];

    /// <summary>Every element code refers to, with the process it must be in and its kind.</summary>
    public static readonly IReadOnlyList<CatalogElement> Elements =
    [
        new(Transfer.Id, Transfer.Apply, CatalogElementKind.UserTask),
        new(Transfer.Id, Transfer.Prepare, CatalogElementKind.UserTask),
        new(Transfer.Id, Transfer.Leadership, CatalogElementKind.UserTask),
        new(Transfer.Id, Transfer.Sign, CatalogElementKind.UserTask),
        new(Transfer.Id, Transfer.Income, CatalogElementKind.UserTask),
        new(Disclosure.Id, Disclosure.Screen, CatalogElementKind.UserTask),
        new(Disclosure.Id, Disclosure.Revise, CatalogElementKind.UserTask),
        new(Assessment.Id, Assessment.Score, CatalogElementKind.UserTask),
        new(Committee.Id, Committee.Vote, CatalogElementKind.UserTask),
        new(Committee.Id, Committee.Close, CatalogElementKind.UserTask),
        new(PricingAgreement.Id, PricingAgreement.Investigate, CatalogElementKind.UserTask),
        new(PricingAgreement.Id, PricingAgreement.ObjectionMessage, CatalogElementKind.MessageCatch),
        new(PricingListing.Id, PricingListing.Negotiate, CatalogElementKind.UserTask),
        new(Filing.Id, Filing.File, CatalogElementKind.UserTask),
        new(Filing.Id, Filing.Overdue, CatalogElementKind.UserTask),
        new(Filing.Id, Filing.Decision, CatalogElementKind.UserTask),
        new(ContractRegistration.Id, ContractRegistration.Register, CatalogElementKind.UserTask),
        new(RewardPayment.Id, RewardPayment.Decide, CatalogElementKind.UserTask),
        new(RewardPayment.Id, RewardPayment.DecisionOverdue, CatalogElementKind.UserTask),
        new(RewardPayment.Id, RewardPayment.Pay, CatalogElementKind.UserTask),
        new(RewardPayment.Id, RewardPayment.PaymentOverdue, CatalogElementKind.UserTask),
        new(PatentFeeDecision.Id, PatentFeeDecision.InventorView, CatalogElementKind.UserTask),
        new(PatentFeeDecision.Id, PatentFeeDecision.Decide, CatalogElementKind.UserTask),
        new(PatentFeeDecision.Id, PatentFeeDecision.DecideOverdue, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.Grade, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.GradeByCollege, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.GradeByOffice, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.CollegeReview, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.UniversityReview, CatalogElementKind.UserTask),
        new(PatentInventoryGrading.Id, PatentInventoryGrading.IdleFunded, CatalogElementKind.UserTask),
    ];
}
