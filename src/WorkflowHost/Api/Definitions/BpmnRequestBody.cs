using Microsoft.OpenApi;

namespace WorkflowHost.Api.Definitions;

/// <summary>
/// Documents the BPMN upload body in the OpenAPI document. Not declared with <c>Accepts</c>: that would let
/// routing refuse other content types with a bare 415, where <see cref="BpmnUpload"/> names the accepted ones.
/// </summary>
public static class BpmnRequestBody
{
    public static RouteHandlerBuilder AcceptsBpmn(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The BPMN 2.0 file: the raw XML body, or the 'file' part of a multipart form.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Properties = new Dictionary<string, IOpenApiSchema> { [BpmnUpload.FileField] = file },
                            Required = new HashSet<string> { BpmnUpload.FileField },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
