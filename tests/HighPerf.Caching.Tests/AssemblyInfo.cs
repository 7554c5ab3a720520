// Stops the shared servers when the run ends, rather than at process exit, where dotnet test allows too little time.
[assembly: TestFramework(HighPerf.Testing.SharedServersTestFramework.TypeName, HighPerf.Testing.SharedServersTestFramework.AssemblyName)]
