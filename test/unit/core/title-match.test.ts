import { describe, expect, it } from 'vitest'
import { titleMatchKey } from '../../../src/core/title-match'

const match = (a: [string, string[]], b: [string, string[]]) => {
  const left = titleMatchKey(...a)
  return left !== undefined && left === titleMatchKey(...b)
}

describe('titleMatchKey', () => {
  it.each([
    [
      'case, punctuation and whitespace',
      ['LoRA: Low-Rank Adaptation of Large Language Models', ['Edward J. Hu', 'Yelong Shen']],
      ['Lora  low rank adaptation of large language models.', ['E Hu']],
    ],
    [
      'TeX markup and diacritics',
      ['Scaling $\\mathcal{O}(n)$ Attention for Na\\"ive Bayes', ['Jürgen Schmidhuber']],
      ['Scaling O(n) Attention for Naïve Bayes', ['J Schmidhuber']],
    ],
    [
      'accents written or not',
      ['Métodos de aprendizaje profundo para el español', ['José Cañete']],
      ['Metodos de Aprendizaje Profundo para el Espanol', ['Jose Canete']],
    ],
    [
      'a family name written first',
      ['Denoising Diffusion Probabilistic Models', ['Ho, Jonathan', 'Jain, Ajay']],
      ['Denoising diffusion probabilistic models', ['Jonathan Ho', 'Ajay Jain', 'Pieter Abbeel']],
    ],
    [
      'a name suffix',
      ['Generative Models of Protein Structure Families', ['Martin Luther King Jr.']],
      ['Generative models of protein structure families', ['M. L. King']],
    ],
    [
      'an apostrophe inside a name or word',
      ["Don't Stop Pretraining: Adapt Language Models to Domains and Tasks", ['Suchin Gururangan', 'Ana Marasović']],
      ['Dont stop pretraining — adapt language models to domains and tasks', ['S Gururangan']],
    ],
  ] as const)('matches despite %s', (_, a, b) => {
    expect(match([a[0], [...a[1]]], [b[0], [...b[1]]])).toBe(true)
  })

  it.each([
    [
      'the same title by other authors',
      ['A Survey of Large Language Models', ['Wayne Xin Zhao']],
      ['A Survey of Large Language Models', ['Shervin Minaee']],
    ],
    [
      'a "v2" suffix',
      ['Neural Ordinary Differential Equations', ['Ricky T. Q. Chen']],
      ['Neural Ordinary Differential Equations v2', ['Ricky T. Q. Chen']],
    ],
    [
      'a supplementary material suffix',
      ['Learning Transferable Visual Models From Natural Language Supervision', ['Alec Radford']],
      ['Learning Transferable Visual Models From Natural Language Supervision (Supplementary Material)', ['Alec Radford']],
    ],
    [
      'one word more',
      ['Language Models are Few-Shot Learners', ['Tom B. Brown']],
      ['Language Models are Few-Shot Learners Too', ['Tom B. Brown']],
    ],
    [
      'a different first author among the same authors',
      ['Training Compute-Optimal Large Language Models', ['Jordan Hoffmann', 'Sebastian Borgeaud']],
      ['Training Compute-Optimal Large Language Models', ['Sebastian Borgeaud', 'Jordan Hoffmann']],
    ],
  ] as const)('does not match %s', (_, a, b) => {
    expect(match([a[0], [...a[1]]], [b[0], [...b[1]]])).toBe(false)
  })

  it.each(['Mamba', 'Attention', 'Deep Residual Learning', 'Segment Anything', 'GPT-4o System Card'])(
    'never matches the short title %j by title alone',
    (title) => {
      expect(titleMatchKey(title, ['Anyone'])).toBeUndefined()
    },
  )

  it('never matches a paper without authors, or whose first author has no letters', () => {
    expect(titleMatchKey('Denoising Diffusion Probabilistic Models', [])).toBeUndefined()
    expect(titleMatchKey('Denoising Diffusion Probabilistic Models', ['…'])).toBeUndefined()
  })

  it('keeps words apart where markup or punctuation separated them', () => {
    expect(titleMatchKey('Vision\u2013Language Models for Robot Control', ['A Brohan'])).toBe(
      'vision language models for robot control|brohan',
    )
    expect(titleMatchKey('<img src=x onerror=alert(1)> Models for Every Task', ['Eve'])).toBe(
      'img src x onerror alert 1 models for every task|eve',
    )
  })
})
