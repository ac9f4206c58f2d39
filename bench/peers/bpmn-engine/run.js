// The benchmark's JavaScript peer: N instances of start -> user task -> complete -> end, one after another, in memory
// with bpmn-engine (the definition parsed once), after a warm-up of its own. Prints one JSON line: {"instances": N, "ms": elapsed}.
'use strict';
const { Engine } = require('bpmn-engine');
const { EventEmitter } = require('events');
const BpmnModdle = require('bpmn-moddle');
const elements = require('bpmn-elements');
const { default: serializer, TypeResolver } = require('moddle-context-serializer');

const source = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="bench_a" targetNamespace="http://workflowhost.org/bench">
  <bpmn:process id="bench_single_task" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

// The definition is parsed once, as our engine caches a published version's parsed model.
let sourceContext;

async function runInstance(i) {
  const engine = new Engine({ name: `A-${i}`, sourceContext });
  const listener = new EventEmitter();
  // The user task waits; completing it is a signal to the waiting activity.
  listener.on('wait', (api) => api.signal({ approved: true }));
  const ended = engine.waitFor('end');
  await engine.execute({ listener });
  await ended;
}

async function main() {
  const instances = Number(process.argv[2] || 2000);
  sourceContext = serializer(await new BpmnModdle().fromXML(source), TypeResolver(elements));
  for (let i = 0; i < 200; i++) await runInstance(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < instances; i++) await runInstance(i);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(JSON.stringify({ instances, ms }));
}

main().catch((e) => { console.error(e); process.exit(1); });
