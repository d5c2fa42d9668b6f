namespace ScoreCockpit.Engine.Accounts;

/// <summary>
/// Who asks for an action. Every handler that changes something receives one and checks the role
/// itself, so hiding a button is never the only protection.
/// </summary>
public sealed record Actor(string Name, IReadOnlySet<string> Roles)
{
    /// <summary>The engine itself (scheduled runs, the demo, the command line on the server).</summary>
    public static Actor System { get; } = new("system", new HashSet<string>(Accounts.Roles.All));

    public static Actor Of(string name, params string[] roles) => new(name, new HashSet<string>(roles));

    public bool IsIn(string role) => Roles.Contains(role);

    public void Require(string role, string action)
    {
        if (!IsIn(role))
        {
            throw new AccessDeniedException(
                $"{Name} cannot {action}: this needs the {role} role. Ask an Admin to grant it.");
        }
    }
}

public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Input that cannot be accepted; the message says what is wrong and what to do.</summary>
public sealed class CockpitValidationException(string message) : Exception(message);
