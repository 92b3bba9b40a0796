/**
 * The Astro component that draws each name of the guide dialect (src/lib/guides/dialect.ts), and
 * the page's own components for the elements it draws itself. The type checks that this map and
 * the dialect list name the same components.
 */
import type { DialectName, ElementName } from '../../lib/guides/dialect.ts';
import CodeBlock from '../code/CodeBlock.astro';
import Addition from './Addition.astro';
import Causes from './Causes.astro';
import Correction from './Correction.astro';
import Diagnosis from './Diagnosis.astro';
import Heading from './Heading.astro';
import Image from './Image.astro';
import Note from './Note.astro';
import Solutions from './Solutions.astro';
import Symptom from './Symptom.astro';

export const DIALECT_COMPONENTS = { Symptom, Causes, Diagnosis, Solutions, Note, Correction, Addition } satisfies Record<DialectName, unknown>;
export const ELEMENT_COMPONENTS = { pre: CodeBlock, h3: Heading, img: Image } satisfies Record<ElementName, unknown>;
