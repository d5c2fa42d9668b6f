using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ScoreCockpit.Web.Api;

/// <summary>Titles the document and declares the bearer token every operation needs.</summary>
internal sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public const string SecurityScheme = "personalAccessToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "ScoreCockpit API";
        document.Info.Description = "Read the portfolio, scores, versions, evaluations, scoring runs and checks; start scenarios and follow "
            + "their runs. Every call sends a personal access token (make one on /account/tokens) as `Authorization: Bearer sc_pat_…`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "sc_pat_…",
            Description = "A personal access token. Scope read reads; scope run also starts scenarios (with the Analyst role).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] });
        return Task.CompletedTask;
    }
}
