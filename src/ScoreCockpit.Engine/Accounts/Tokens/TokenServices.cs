using Microsoft.Extensions.DependencyInjection;

namespace ScoreCockpit.Engine.Accounts.Tokens;

public static class TokenServices
{
    public static IServiceCollection AddPersonalAccessTokens(this IServiceCollection services) => services
        .AddSingleton<CreateTokenHandler>()
        .AddSingleton<ListMyTokensHandler>()
        .AddSingleton<ListAllTokensHandler>()
        .AddSingleton<RevokeTokenHandler>()
        .AddSingleton<TokenLookup>()
        .AddSingleton<Api.StartScenarioRunHandler>();
}
