using Registry.Server;

var app = RegistryHost.Build(args);
await app.RunAsync();
