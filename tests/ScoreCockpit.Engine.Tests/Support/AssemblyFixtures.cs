using ScoreCockpit.Tests.Shared;
using Xunit;

// One PostgreSQL cluster serves every test class; it starts on the first test that asks for it.
[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]
