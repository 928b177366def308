import Fastify from "fastify";

// Baseline: the same framework parsing the same JSON body, doing nothing else.
const app = Fastify({ logger: false });
app.post("/api/v1/submissions", async (_request, reply) => reply.status(201).send({ receipt: { ok: true } }));
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`listening on ${typeof address === "object" && address ? address.port : 0}\n`);
