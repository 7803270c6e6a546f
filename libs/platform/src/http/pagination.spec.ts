import { MalformedRequest } from '../errors/domain-error';
import { page, pageRequest } from './pagination';

describe('pagination', () => {
  it('defaults to page 1 of 20', () => {
    expect(pageRequest({})).toEqual({ number: 1, size: 20, offset: 0 });
  });

  it('reads page[number] and page[size], flat or nested', () => {
    expect(pageRequest({ 'page[number]': '3', 'page[size]': '50' })).toEqual({
      number: 3,
      size: 50,
      offset: 100,
    });
    expect(pageRequest({ page: { number: '2', size: '10' } })).toEqual({
      number: 2,
      size: 10,
      offset: 10,
    });
  });

  it.each([
    ['page[size]', '251'],
    ['page[size]', '0'],
    ['page[number]', '-1'],
    ['page[number]', 'x'],
  ])('refuses %s=%s naming the parameter', (name, value) => {
    expect(() => pageRequest({ [name]: value })).toThrow(MalformedRequest);
    try {
      pageRequest({ [name]: value });
    } catch (error) {
      expect((error as MalformedRequest).toProblems()[0].source).toEqual({ parameter: name });
    }
  });

  it('wraps data with meta', () => {
    expect(page(['a'], 41, { number: 3, size: 20, offset: 40 })).toEqual({
      data: ['a'],
      meta: { total: 41, page_number: 3, page_size: 20 },
    });
  });
});
