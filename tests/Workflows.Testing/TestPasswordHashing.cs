namespace Workflows.Testing;

/// <summary>
/// The PBKDF2 rounds the in-process test hosts hash passwords with: 1,000 instead of Identity's 100,000. The hash has
/// the same format and every check runs as in production, for a hundredth of the CPU: a host's start signs in its
/// administrator and creates and signs in a cast of accounts, each a hash of about 0.1 s on the CI's cores. Hosts started
/// as their own process (HostProcess, the README's run command) keep the production figure.
/// </summary>
public static class TestPasswordHashing
{
    public const int Iterations = 1_000;
}
