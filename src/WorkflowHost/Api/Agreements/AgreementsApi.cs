using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Processes;
using WorkflowHost.Application;
using WorkflowHost.Application.Agreements;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Agreements;

/// <summary>
/// Agreements and their filings with the patent office. Signing is the process's signing step: it opens only once the
/// pricing has concluded, so while a public notice runs or an objection is open the answer is 409 naming why; the terms
/// must be the concluded pricing's (its counterparty, at least its price, once), and an open licence is never signed
/// there (it is taken under a declaration: <c>OpenLicencesApi</c>). The filing (licence recordal within the configured
/// months, or transfer registration) is submitted and its receipt recorded through the licence-filing process's steps;
/// an open licence's filing, which no process carries, directly.
/// </summary>
public static class AgreementsApi
{
    public sealed record FilingSubmission(string? SubmittedOn, string? FilingReference);
    public sealed record FilingDecision(bool? FilingAccepted, string? DecidedOn, string? RefusalReason);
    public sealed record ContractRegistrationBody(string? RegistrationNumber, string? RegisteredOn, Guid? RegistrationDocumentId);

    public static IEndpointRouteBuilder MapAgreementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Agreements and filings").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/inventions/{id:guid}/agreement", Sign).WithName("SignAgreement")
            .WithSummary("Signs the agreement (the agreement-signing form: kind, counterparty, consideration, effective date, term, fee terms); 409 while the public notice runs, an objection is open, or pricing has not concluded.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/inventions/{id:guid}/agreements", List).WithName("ListAgreements").WithSummary("The invention's agreements.");
        group.MapGet("/agreements/{id:guid}", Get).WithName("GetAgreement").WithSummary("An agreement.");
        group.MapGet("/agreements/{id:guid}/filings", Filings).WithName("ListFilings")
            .WithSummary("The agreement's filings with the patent office: kind, due date (recordal deadline), submission and decision.");
        group.MapPost("/filings/{id:guid}/submission", Submit).WithName("SubmitFiling")
            .WithSummary("Records that the filing was submitted to the patent office (date and reference); also the escalated, overdue step.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/filings/{id:guid}/decision", Decide).WithName("RecordFilingDecision")
            .WithSummary("Records the patent office's receipt: accepted (recorded / registered) or refused with the reason (then it is filed again).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/agreements/{id:guid}/contract-registration", RegisterContract).WithName("RegisterTechnologyContract")
            .WithSummary("Records the technology-contract registration (技术合同认定登记): registration number, date and the certificate (registrationDocumentId, an attachment of the invention); the contract-registration process's step. Remuneration from the income is paid only after it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<Agreement>> RegisterContract(Guid id, ContractRegistrationBody body, HttpContext http, AgreementService agreements,
        InventionService inventions, ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var agreement = await agreements.GetAsync(actor, id, ct);
        var day = Day(body.RegisteredOn, "registeredOn");
        if (body.RegistrationDocumentId is not { } document) throw Refusal.Invalid("registrationDocumentId", "Give the registration certificate (an attachment of the invention).");
        if (agreement.DeclarationId is not null) // an open licence: no process carries it
            return TypedResults.Ok(await agreements.RecordContractRegistrationAsync(actor, id, body.RegistrationNumber ?? "", day, document, ct));
        var caseNumber = (await inventions.GetAsync(actor, agreement.InventionId, ct)).CaseNumber;
        var data = new JsonObject { ["registrationNumber"] = body.RegistrationNumber, ["registeredOn"] = body.RegisteredOn, ["registrationDocumentId"] = document.ToString() };
        await steps.CompleteAsync(http.User, caseNumber, ShippedProcesses.ContractRegistration.Register, data, "register the technology contract", ct,
            instanceVariable: ("agreementId", id.ToString()));
        var registered = await agreements.GetAsync(actor, id, ct);
        return registered.ContractRegisteredOn is not null ? TypedResults.Ok(registered)
            : throw Refusal.Conflict("registration-refused",
                $"The registration of the contract of case {caseNumber} was refused by the process (a date before signing, or a certificate that is not this invention's); the step is open again.");
    }

    private static async Task<Created<Agreement>> Sign(Guid id, JsonObject body, HttpContext http, AgreementActions actions, CancellationToken ct)
    {
        var signed = await actions.SignAsync(http.User, id, body, ct);
        return TypedResults.Created($"/api/v1/agreements/{signed.Id}", signed);
    }

    private static async Task<Ok<List<Agreement>>> List(Guid id, HttpContext http, AgreementService agreements, CancellationToken ct) =>
        TypedResults.Ok(await agreements.ListAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<Agreement>> Get(Guid id, HttpContext http, AgreementService agreements, CancellationToken ct) =>
        TypedResults.Ok(await agreements.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<List<Filing>>> Filings(Guid id, HttpContext http, AgreementService agreements, CancellationToken ct) =>
        TypedResults.Ok(await agreements.ListFilingsAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<Filing>> Submit(Guid id, FilingSubmission body, HttpContext http, AgreementService agreements, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var (actor, caseNumber) = await CaseOfFilingAsync(id, http, agreements, inventions, ct);
        if (await UnderDeclarationAsync(actor, id, agreements, ct))
            return TypedResults.Ok(await agreements.SubmitFilingAsync(actor, id, Day(body.SubmittedOn, "submittedOn"), body.FilingReference ?? "", ct));
        var data = new JsonObject { ["submittedOn"] = body.SubmittedOn, ["filingReference"] = body.FilingReference };
        var open = await steps.OpenTasksAsync(caseNumber, ct);
        // After the deadline the escalated step (the office head's) takes the submission.
        var element = open.Any(t => t.ElementId == ShippedProcesses.Filing.Overdue) && open.All(t => t.ElementId != ShippedProcesses.Filing.File) ? ShippedProcesses.Filing.Overdue : ShippedProcesses.Filing.File;
        await steps.CompleteAsync(http.User, caseNumber, element, data, "submit the filing", ct);
        return TypedResults.Ok(await agreements.GetFilingAsync(actor, id, ct));
    }

    private static async Task<Ok<Filing>> Decide(Guid id, FilingDecision body, HttpContext http, AgreementService agreements, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var (actor, caseNumber) = await CaseOfFilingAsync(id, http, agreements, inventions, ct);
        if (body.FilingAccepted is not { } accepted) throw Refusal.Invalid("filingAccepted", "Say whether the patent office accepted the filing.");
        var data = new JsonObject { ["filingAccepted"] = accepted, ["decidedOn"] = body.DecidedOn };
        if (body.RefusalReason is not null) data["refusalReason"] = body.RefusalReason;
        if (!accepted && string.IsNullOrWhiteSpace(body.RefusalReason)) throw Refusal.Invalid("refusalReason", "Give the office's reason for the refusal.");
        if (await UnderDeclarationAsync(actor, id, agreements, ct))
            return TypedResults.Ok(await agreements.RecordFilingDecisionAsync(actor, id, accepted, Day(body.DecidedOn, "decidedOn"), body.RefusalReason, ct));
        await steps.CompleteAsync(http.User, caseNumber, ShippedProcesses.Filing.Decision, data, "record the patent office's decision", ct);
        return TypedResults.Ok(await agreements.GetFilingAsync(actor, id, ct));
    }

    /// <summary>An open licence taken under a declaration: no process carries its filing, so the office records it directly.</summary>
    private static async Task<bool> UnderDeclarationAsync(ActingUser actor, Guid filingId, AgreementService agreements, CancellationToken ct)
    {
        var filing = await agreements.GetFilingAsync(actor, filingId, ct);
        return (await agreements.GetAsync(actor, filing.AgreementId, ct)).DeclarationId is not null;
    }

    public static DateOnly Day(string? text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? day : throw Refusal.Invalid(field, "Give a date as yyyy-MM-dd.");

    private static async Task<(ActingUser Actor, string CaseNumber)> CaseOfFilingAsync(Guid filingId, HttpContext http, AgreementService agreements,
        InventionService inventions, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var filing = await agreements.GetFilingAsync(actor, filingId, ct);
        return (actor, (await inventions.GetAsync(actor, filing.InventionId, ct)).CaseNumber);
    }
}
