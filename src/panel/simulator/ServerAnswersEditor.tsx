import { useState } from 'react';
import { formatHeaderLines, parseHeaderLines } from '../../core/simulator/headerLines.ts';
import type { ServerAnswer, ServerAnswers } from '../../core/simulator/simulation.ts';
import { answerChanges } from '../../core/simulator/whatIf.ts';
import { StatusInput } from './ServerPolicyEditor.tsx';

interface Props {
  readonly answers: ServerAnswers;
  /** The answers as captured: the edits are shown against them. */
  readonly baseline: ServerAnswers | null;
  readonly onChange: (answers: ServerAnswers) => void;
}

/** The server's answers line by line, as captured or typed; the lines changed from the capture listed below. */
export function ServerAnswersEditor({ answers, baseline, onChange }: Props) {
  const setAnswer = (hop: number, which: 'preflight' | 'response', answer: ServerAnswer): void =>
    onChange({ kind: 'answers', hops: answers.hops.map((each, index) => (index === hop ? { ...each, [which]: answer } : each)) });
  const changes = baseline ? answerChanges(baseline, answers) : [];
  return (
    <fieldset className="server-editor">
      <legend>The server (its answers, line by line)</legend>
      {answers.hops.map((hop, index) => (
        <div key={index} className="answers-hop">
          {answers.hops.length > 1 && <h4>{`URL ${index + 1}`}</h4>}
          <AnswerEditor
            label={`Preflight answer${answers.hops.length > 1 ? ` at URL ${index + 1}` : ''}`}
            answer={hop.preflight}
            onChange={(answer) => setAnswer(index, 'preflight', answer)}
          />
          <AnswerEditor
            label={`Response${answers.hops.length > 1 ? ` at URL ${index + 1}` : ''}`}
            answer={hop.response}
            onChange={(answer) => setAnswer(index, 'response', answer)}
          />
        </div>
      ))}
      {baseline && (
        <section aria-label="Changed lines" className="changed-lines">
          <h4>Changed from the captured answers</h4>
          {changes.length === 0 ? (
            <p className="muted">No line changed yet.</p>
          ) : (
            <ul>
              {changes.map((change, index) => (
                <li key={index} className={`change-${change.change}`}>
                  <code>{`${change.change === 'added' ? '+' : '-'} ${change.line}`}</code>
                  <span className="muted">{` (${change.answer === 'preflight' ? 'preflight answer' : 'response'}${answers.hops.length > 1 ? `, URL ${change.hop}` : ''})`}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </fieldset>
  );
}

function AnswerEditor({
  label,
  answer,
  onChange,
}: {
  readonly label: string;
  readonly answer: ServerAnswer;
  readonly onChange: (answer: ServerAnswer) => void;
}) {
  // The text as typed: a line that does not parse stays visible (and is named) instead of vanishing.
  const [text, setText] = useState(() => formatHeaderLines(answer.headers));
  const { problems } = parseHeaderLines(text);
  return (
    <div className="answer-editor">
      <label>
        {`${label}: status`}
        <StatusInput value={answer.status} onChange={(status) => onChange({ ...answer, status })} />
      </label>
      <label>
        {`${label}: header lines`}
        <textarea
          rows={Math.max(3, answer.headers.length + 1)}
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setText(event.target.value);
            onChange({ ...answer, headers: parseHeaderLines(event.target.value).headers });
          }}
        />
      </label>
      {problems.length > 0 && <p className="problem">{problems.join(' ')}</p>}
    </div>
  );
}
