// A TCP proxy on 127.0.0.1 that a spec can cut, stall and restore, to play a dependency (PostgreSQL) that
// goes away and comes back while the platform keeps running.

import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** Forwards connections again, on the same port as before; returns the port. */
  open(): Promise<number> {
    return this.listen((client) => this.forward(client));
  }

  /** Drops every connection and refuses new ones, as a stopped server does. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Drops every connection, then accepts new ones and never answers, as a hung server does. */
  async stall(): Promise<void> {
    await this.cut();
    await this.listen((client) => this.track(client));
  }

  private async listen(onConnection: (client: Socket) => void): Promise<number> {
    const server = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  private forward(client: Socket): void {
    const upstream = createConnection(this.target.port, this.target.host);
    this.track(client);
    this.track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }
}
