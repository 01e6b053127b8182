/**
 * #/lab/reps: the representation-theory half of the talk, computed live. Seven sections, one per slide: defining
 * and regular representations, scalar vs vector fields, irreps and characters, tensor products and Clebsch–Gordan,
 * Schur's lemma and intertwiners, and group convolution.
 */
import { DefiningSection } from './DefiningSection';
import { FieldsSection } from './FieldsSection';
import { GroupControls } from './GroupControls';
import { GroupConvSection } from './GroupConvSection';
import { IntertwinerSection } from './IntertwinerSection';
import { IrrepsSection } from './IrrepsSection';
import { RegularSection } from './RegularSection';
import { TensorSection } from './TensorSection';
import { useRepsUrl } from './useRepsUrl';
import './reps.css';

export default function RepsPanel() {
  useRepsUrl();
  return (
    <section className="panel reps-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">Representations</h2>
      <p>
        Groups act on vectors, functions and fields through representations. Every claim below is computed in your browser and
        checked as a number.
      </p>
      <div className="reps-sticky">
        <GroupControls />
      </div>
      <DefiningSection />
      <RegularSection />
      <FieldsSection />
      <IrrepsSection />
      <TensorSection />
      <IntertwinerSection />
      <GroupConvSection />
    </section>
  );
}
